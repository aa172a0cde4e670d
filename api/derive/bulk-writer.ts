import { sql, type Kysely, type Transaction } from 'kysely';
import type pg from 'pg';
import type { Database } from '../db/tables.ts';
import { columnsOf, copyObjects } from '../db/pg-copy.ts';
import { deltaRows, levelKeys, ROLLUP_AMOUNTS, ROLLUP_LEVELS, type RollupDelta } from './rollup-delta.ts';

/**
 * How a bulk rebuild writes: fresh rows into emptied derived tables (nothing else writes them
 * meanwhile), and daily rollup contributions to stage, which finish adds to the rollup rows of
 * every level once every fresh row is in.
 */
export interface BulkWriter {
  insert(table: string, rows: readonly object[]): Promise<void>;
  stage(delta: RollupDelta): Promise<void>;
}

const DAILY = ROLLUP_LEVELS[0]!;
/** Daily contributions waiting to be added (no index: rows go in as they come). */
const STAGES = { totals: 'derive_stage_rollups', buckets: 'derive_stage_buckets' } as const;
const quote = (name: string) => `"${name}"`;

/** Raw statements, on a pg client or a Kysely executor. */
type Exec = (statement: string) => Promise<unknown>;
export const pgExec =
  (client: pg.ClientBase): Exec =>
  (s) =>
    client.query(s);
export const kyselyExec =
  (db: Kysely<Database> | Transaction<Database>): Exec =>
  (s) =>
    sql.raw(s).execute(db);

/**
 * PostgreSQL: COPY. Commits need not wait for the disk: a rebuild interrupted by a crash is
 * simply run again.
 */
export async function createPgWriter(client: pg.ClientBase): Promise<BulkWriter> {
  await client.query('set synchronous_commit = off');
  return {
    async insert(table, rows) {
      await copyObjects(client, table, rows);
    },
    async stage(delta) {
      const { totals, buckets } = deltaRows(delta, DAILY);
      await copyObjects(client, STAGES.totals, totals);
      await copyObjects(client, STAGES.buckets, buckets);
    },
  };
}

/** SQLite: multi-row inserts inside the rebuild's one transaction, as many rows per statement as its variable limit allows. */
export function createSqliteWriter(trx: Transaction<Database> | Kysely<Database>): BulkWriter {
  const t = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const insert = async (table: string, rows: readonly object[]) => {
    const n = Math.max(1, Math.floor(30_000 / Math.max(1, columnsOf(rows.slice(0, 1)).length)));
    for (let i = 0; i < rows.length; i += n)
      await t
        .insertInto(table)
        .values(rows.slice(i, i + n) as Record<string, unknown>[])
        .execute();
  };
  return {
    insert,
    async stage(delta) {
      const { totals, buckets } = deltaRows(delta, DAILY);
      await insert(STAGES.totals, totals);
      await insert(STAGES.buckets, buckets);
    },
  };
}

/**
 * Empty staging tables: unlogged tables on PostgreSQL (every lane's connection writes them;
 * dropped by finishRollups), temporary ones inside SQLite's transaction.
 */
export async function prepareStages(exec: Exec, dialect: 'postgres' | 'sqlite'): Promise<void> {
  const create = dialect === 'postgres' ? 'create unlogged table if not exists' : 'create temp table if not exists';
  await exec(`${create} ${STAGES.totals} as select * from ${DAILY.totals} limit 0`);
  await exec(`${create} ${STAGES.buckets} as select * from ${DAILY.buckets} limit 0`);
  await exec(dialect === 'postgres' ? `truncate ${STAGES.totals}, ${STAGES.buckets}` : `delete from ${STAGES.totals}`);
  if (dialect === 'sqlite') await exec(`delete from ${STAGES.buckets}`);
}

/**
 * Adds the staged contributions to the rollup rows of every level, in key order (the period of a
 * month or year is the day's first characters, as migration 0005 sums them), then empties the
 * stage. `where true` lets SQLite parse an upsert from a select.
 */
export async function finishRollups(exec: Exec): Promise<void> {
  for (const level of ROLLUP_LEVELS) {
    const period = level.length === 10 ? 'day' : `substr(day, 1, ${level.length})`;
    const group = `unit_id, ${period}, official_id, step`;
    const keys = levelKeys(level).map(quote).join(', ');
    const amounts = ROLLUP_AMOUNTS.map(quote);
    await exec(
      `insert into ${level.totals} (${keys}, ${amounts.join(', ')}) select ${group}, ${amounts.map((a) => `sum(${a})`).join(', ')} from ${STAGES.totals} where true group by ${group} order by ${group}
       on conflict (${keys}) do update set ${amounts.map((a) => `${a} = ${level.totals}.${a} + excluded.${a}`).join(', ')}`,
    );
    await exec(
      `insert into ${level.buckets} (${keys}, bucket, count) select ${group}, bucket, sum(count) from ${STAGES.buckets} where true group by ${group}, bucket order by ${group}, bucket
       on conflict (${keys}, bucket) do update set count = ${level.buckets}.count + excluded.count`,
    );
  }
  // Gone between rebuilds: no table of a rebuild's own outlives it (backups, the Citus placement).
  await exec(`drop table if exists ${STAGES.totals}`);
  await exec(`drop table if exists ${STAGES.buckets}`);
}
