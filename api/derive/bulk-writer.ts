import { sql, type Kysely, type Transaction } from 'kysely';
import type pg from 'pg';
import type { Database } from '../db/tables.ts';
import { columnsOf, copyObjects } from '../db/pg-copy.ts';
import { deltaRows, levelKeys, ROLLUP_AMOUNTS, ROLLUP_LEVELS, type RollupDelta } from './rollup-delta.ts';

/** Derived tables a rebuild fills row by row (rollups are added up instead). */
export type RowTable = 'dossiers' | 'segments' | 'flags';

/**
 * How a bulk rebuild writes: fresh rows of dossiers, segments and flags (nothing stored for them
 * yet), and daily rollup contributions that may meet another part's contribution to the same row.
 */
export interface BulkWriter {
  insert(table: RowTable, rows: readonly object[]): Promise<void>;
  addDaily(delta: RollupDelta): Promise<void>;
}

const DAILY = ROLLUP_LEVELS[0]!;
const ident = (names: readonly string[]) => sql.join(names.map((n) => sql.ref(n)));

const quote = (name: string) => `"${name}"`;

/**
 * PostgreSQL: COPY into the tables; rollup contributions are copied into a temporary table of
 * this session, then added to the real rows in key order by one statement (two lanes adding to
 * the same rows lock them in the same order).
 */
export function createPgWriter(client: pg.ClientBase): BulkWriter {
  let staged = false;
  return {
    async insert(table, rows) {
      await copyObjects(client, table, rows);
    },
    async addDaily(delta) {
      const { totals, buckets } = deltaRows(delta, DAILY);
      if (!staged) {
        await client.query(`create temp table if not exists rebuild_totals as select * from ${DAILY.totals} limit 0`);
        await client.query(`create temp table if not exists rebuild_buckets as select * from ${DAILY.buckets} limit 0`);
        staged = true;
      }
      const keys = levelKeys(DAILY);
      for (const [table, stage, rows, keyColumns, amounts] of [
        [DAILY.totals, 'rebuild_totals', totals, keys, ROLLUP_AMOUNTS],
        [DAILY.buckets, 'rebuild_buckets', buckets, [...keys, 'bucket'], ['count']],
      ] as const) {
        if (rows.length === 0) continue;
        await client.query(`truncate ${stage}`);
        await copyObjects(client, stage, rows);
        const columns = columnsOf(rows).map(quote).join(', ');
        const key = keyColumns.map(quote).join(', ');
        const set = amounts.map((a) => `${quote(a)} = ${table}.${quote(a)} + excluded.${quote(a)}`).join(', ');
        await client.query(`insert into ${table} (${columns}) select ${columns} from ${stage} order by ${key} on conflict (${key}) do update set ${set}`);
      }
    },
  };
}

/** SQLite: multi-row inserts inside the rebuild's one transaction, as many rows per statement as its variable limit allows. */
export function createSqliteWriter(trx: Transaction<Database> | Kysely<Database>): BulkWriter {
  const t = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const perStatement = (rows: readonly object[]) => Math.max(1, Math.floor(30_000 / Math.max(1, columnsOf(rows.slice(0, 1)).length)));
  return {
    async insert(table, rows) {
      const n = perStatement(rows);
      for (let i = 0; i < rows.length; i += n) await t.insertInto(table).values(rows.slice(i, i + n) as Record<string, unknown>[]).execute();
    },
    async addDaily(delta) {
      const { totals, buckets } = deltaRows(delta, DAILY);
      const keys = levelKeys(DAILY);
      for (const [table, rows, keyColumns, amounts] of [
        [DAILY.totals, totals, keys, ROLLUP_AMOUNTS],
        [DAILY.buckets, buckets, [...keys, 'bucket'], ['count']],
      ] as const) {
        const n = perStatement(rows);
        for (let i = 0; i < rows.length; i += n) {
          await t
            .insertInto(table)
            .values(rows.slice(i, i + n))
            .onConflict((oc) => oc.columns([...keyColumns]).doUpdateSet(Object.fromEntries(amounts.map((a) => [a, sql`${sql.ref(`${table}.${a}`)} + ${sql.ref(`excluded.${a}`)}`]))))
            .execute();
        }
      }
    },
  };
}

/**
 * The monthly and yearly rollups summed from the daily ones, in key order (as migration 0005
 * builds them): every rebuilt daily row is complete by then, and a sum in the database is cheaper
 * than shipping the same contributions three times.
 */
export async function sumCoarserLevels(db: Kysely<Database> | Transaction<Database>): Promise<void> {
  for (const level of ROLLUP_LEVELS.slice(1)) {
    const period = sql`substr(day, 1, ${sql.lit(level.length)})`;
    const group = sql`unit_id, ${period}, official_id, step`;
    const amounts = sql.join(ROLLUP_AMOUNTS.map((a) => sql`sum(${sql.ref(a)})`));
    await sql`insert into ${sql.table(level.totals)} (${ident(levelKeys(level))}, ${ident(ROLLUP_AMOUNTS)})
              select ${group}, ${amounts} from ${sql.table(DAILY.totals)} group by ${group} order by ${group}`.execute(db);
    await sql`insert into ${sql.table(level.buckets)} (${ident(levelKeys(level))}, bucket, count)
              select ${group}, bucket, sum(count) from ${sql.table(DAILY.buckets)} group by ${group}, bucket order by ${group}, bucket`.execute(db);
  }
}
