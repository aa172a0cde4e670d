/**
 * `npm run move-to-postgres -- postgres://…`: copies the embedded SQLite database (SQLITE_PATH,
 * default ./data/dossier-pulse.sqlite) into a new, empty PostgreSQL database and verifies the
 * copy table by table and chain by chain. Stop the API first; start it again with DATABASE_URL.
 */
import { loadConfig } from '../config.ts';
import { moveToPostgres } from '../ops/move-to-postgres.ts';

const [url, ...extra] = process.argv.slice(2);
if (!url || extra.length || !/^postgres(ql)?:\/\//.test(url)) {
  console.error('Usage: npm run move-to-postgres -- postgres://user@host:5432/database');
  process.exit(2);
}
const config = loadConfig({ ...process.env, DATABASE_URL: '' });
if (config.database.kind !== 'sqlite') throw new Error('unreachable: the source is SQLite');
try {
  const report = await moveToPostgres(config.database.path, url, (table, rows) => console.log(`  ${table}: ${rows} rows copied`));
  for (const p of report.problems) console.log(`✗ ${p}`);
  const rows = report.tables.reduce((a, t) => a + t.rows, 0);
  console.log(
    report.problems.length
      ? `✗ the copy differs from the SQLite database (${report.problems.length} problems); keep using SQLite`
      : `✓ ${rows} rows in ${report.tables.length} tables copied and equal; ${report.events} events of ${report.officials} officials, chains intact / đã chuyển sang PostgreSQL`,
  );
  process.exitCode = report.problems.length ? 1 : 0;
} catch (e) {
  console.error(`✗ ${(e as Error).message}`);
  process.exitCode = 1;
}
