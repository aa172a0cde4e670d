/**
 * `npm run backup -- create [--dir DIR | FILE]`: a backup of the database the API uses
 *   (DATABASE_URL or SQLITE_PATH), taken while the API runs, with its manifest beside it.
 * `npm run backup -- restore FILE --to TARGET`: restores into a new database or SQLite path and
 *   verifies it (row counts, chain heads, every hash chain); exit 1 if anything differs.
 * `npm run backup -- verify FILE --to TARGET`: verifies an already restored copy.
 * TARGET is `postgres://…` or the path of a SQLite file.
 */
import { mkdirSync } from 'node:fs';
import { loadConfig } from '../config.ts';
import type { DatabaseTarget } from '../db/connect.ts';
import { backupFileName, createBackup, readManifest, restoreBackup, verifyCopy, type CopyCheck } from '../ops/backup.ts';

const USAGE = 'Usage: npm run backup -- create [--dir DIR | FILE] | restore FILE --to TARGET | verify FILE --to TARGET';
const [command, ...rest] = process.argv.slice(2);
const option = (name: string) => {
  const i = rest.indexOf(name);
  return i >= 0 ? rest[i + 1] : undefined;
};
const positional = rest.filter((a, i) => !a.startsWith('--') && !rest[i - 1]?.startsWith('--'));
const targetOf = (s: string): DatabaseTarget =>
  /^postgres(ql)?:\/\//.test(s) ? { kind: 'postgres', url: s } : { kind: 'sqlite', path: s };

function report(check: CopyCheck, what: string): void {
  for (const p of check.problems) console.log(`✗ ${p}`);
  console.log(
    check.ok
      ? `✓ ${what}: ${check.events} events of ${check.officials} officials, every table as in the backup, chains intact / bản sao khớp, chuỗi băm nguyên vẹn`
      : `✗ ${what}: ${check.problems.length} problems / bản sao không khớp`,
  );
  process.exitCode = check.ok ? 0 : 1;
}

try {
  if (command === 'create') {
    const config = loadConfig();
    const dir = option('--dir');
    if (dir) mkdirSync(dir, { recursive: true });
    const file = positional[0] ?? backupFileName(dir ?? '.', config.database.kind);
    const m = await createBackup(config.database, file);
    const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
    console.log(
      `✓ ${file}: ${m.tables.events ?? 0} events, ${rows} rows in ${Object.keys(m.tables).length} tables; manifest ${file}.manifest.json / đã sao lưu`,
    );
  } else if ((command === 'restore' || command === 'verify') && positional[0] && option('--to')) {
    const target = targetOf(option('--to')!);
    const file = positional[0];
    report(
      command === 'restore' ? await restoreBackup(file, target) : await verifyCopy(readManifest(file), target),
      `${command === 'restore' ? 'restored' : 'verified'} ${file}`,
    );
  } else {
    console.error(USAGE);
    process.exitCode = 2;
  }
} catch (e) {
  console.error(`✗ ${(e as Error).message}`);
  process.exitCode = 1;
}
