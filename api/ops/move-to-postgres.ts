import { sql, type Kysely } from 'kysely';
import { openStorage } from '../db/connect.ts';
import { verifyChains } from '../verify/verify-chain.ts';
import { appliedMigrations, columns, dataTables, primaryKey, tableDigest, tablePages, type Row } from './tables.ts';

export type MoveReport = {
  tables: { table: string; rows: number; digest: string }[];
  events: number;
  officials: number;
  problems: string[];
};

/** PostgreSQL takes at most 65,535 parameters per statement. */
const MAX_PARAMS = 60_000;
/** Tables others refer to, copied first so every foreign key finds its row. */
const FIRST = ['units', 'officials'];
/**
 * Tables a migration fills with defaults (migration 0010: the explanation reasons, KPI settings
 * version 1). A new database has these rows too; they are replaced by the source's own.
 */
const SEEDED_BY_MIGRATIONS: ReadonlySet<string> = new Set(['explanation_reasons', 'kpi_settings']);

/**
 * Copies everything from the embedded SQLite database into a new, empty PostgreSQL database in
 * one transaction, then proves the copy: every table's rows digest the same on both sides and
 * every official's hash chain verifies on PostgreSQL. The API must be stopped while it runs.
 */
export async function moveToPostgres(
  sqlitePath: string,
  postgresUrl: string,
  onTable?: (table: string, rows: number) => void,
): Promise<MoveReport> {
  const source = await openStorage({ kind: 'sqlite', path: sqlitePath });
  const target = await openStorage({ kind: 'postgres', url: postgresUrl });
  try {
    const tables = await dataTables(source.db, 'sqlite');
    const targetTables = await dataTables(target.db, 'postgres');
    if (tables.join() !== targetTables.join())
      throw new Error(`the two schemas differ: SQLite has ${tables.join(', ')}; PostgreSQL has ${targetTables.join(', ')}`);
    const [fromMigrations, toMigrations] = [await appliedMigrations(source.db), await appliedMigrations(target.db)];
    if (fromMigrations.join() !== toMigrations.join())
      throw new Error(`migrations differ: ${fromMigrations.join(', ')} vs ${toMigrations.join(', ')}`);
    for (const t of tables.filter((x) => !SEEDED_BY_MIGRATIONS.has(x))) {
      const n = Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(t)}`.execute(target.db)).rows[0]!.n);
      if (n > 0) throw new Error(`the PostgreSQL database is not empty (${t} has ${n} rows); move into a new one (createdb)`);
    }
    const order = [...FIRST, ...tables.filter((t) => !FIRST.includes(t))];
    await target.db.transaction().execute(async (trx) => {
      for (const table of order) {
        let rows = 0;
        if (SEEDED_BY_MIGRATIONS.has(table)) await trx.deleteFrom(table as never).execute();
        const cols = await columns(source.db, 'sqlite', table);
        const chunk = Math.max(1, Math.floor(MAX_PARAMS / cols.length));
        const pages =
          table === 'units'
            ? [parentsFirst(await allRows(source.db, table))]
            : tablePages(source.db, table, await primaryKey(source.db, 'sqlite', table));
        for await (const page of pages) {
          for (let i = 0; i < page.length; i += chunk)
            await trx
              .insertInto(table as never)
              .values(page.slice(i, i + chunk) as never)
              .execute();
          rows += page.length;
        }
        onTable?.(table, rows);
      }
    });

    const problems: string[] = [];
    const report: MoveReport['tables'] = [];
    for (const table of tables) {
      const [a, b] = [await tableDigest(source.db, 'sqlite', table), await tableDigest(target.db, 'postgres', table)];
      if (a.rows !== b.rows || a.digest !== b.digest)
        problems.push(`${table}: SQLite ${a.rows} rows (${a.digest}), PostgreSQL ${b.rows} rows (${b.digest})`);
      report.push({ table, rows: b.rows, digest: b.digest });
    }
    const chains = await verifyChains(target.db);
    if (chains.tampers.length) problems.push(`events: ${chains.tampers.length} rows break their official’s hash chain on PostgreSQL`);
    return { tables: report, events: chains.rows, officials: chains.officials, problems };
  } finally {
    await source.close();
    await target.close();
  }
}

async function allRows(db: Kysely<any>, table: string): Promise<Row[]> {
  return (await sql<Row>`select * from ${sql.table(table)}`.execute(db)).rows;
}

/** The unit tree top down, so each unit's parent is already there when it is inserted. */
function parentsFirst(units: Row[]): Row[] {
  const byId = new Map(units.map((u) => [u.id as string, u]));
  const depth = (u: Row): number => {
    let d = 0;
    for (let p = u.parent_id as string | null; p && byId.has(p) && d <= units.length; p = byId.get(p)!.parent_id as string | null) d++;
    return d;
  };
  return [...units].sort((a, b) => depth(a) - depth(b));
}
