import { sql, type Kysely } from 'kysely';

/**
 * Monthly rollups beside the daily ones: the same sums and sketch buckets per local month
 * (`YYYY-MM`) × holder's unit × official × step. A period's whole months are read here and only
 * its ragged edges from the daily tables, so a year's statistics add up about 12 rows per
 * official and step instead of some 250. Derivation writes both levels in the dossier's own
 * transaction; existing daily rows are summed into months here. Schema builder only, as in 0001.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollup_months')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('official_id', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('segments', 'bigint', (c) => c.notNull())
    .addColumn('handled', 'bigint', (c) => c.notNull())
    .addColumn('working_ms', 'bigint', (c) => c.notNull())
    .addColumn('active_ms', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_months_pk', ['unit_id', 'month', 'official_id', 'step'])
    .execute();
  await db.schema.createIndex('rollup_months_official').on('rollup_months').columns(['official_id', 'month']).execute();
  await db.schema
    .createTable('rollup_month_buckets')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('official_id', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('bucket', 'integer', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_month_buckets_pk', ['unit_id', 'month', 'official_id', 'step', 'bucket'])
    .execute();
  await db.schema.createIndex('rollup_month_buckets_official').on('rollup_month_buckets').columns(['official_id', 'month']).execute();

  await sql`insert into rollup_months (unit_id, month, official_id, step, segments, handled, working_ms, active_ms)
            select unit_id, substr(day, 1, 7), official_id, step, sum(segments), sum(handled), sum(working_ms), sum(active_ms)
              from rollups group by unit_id, substr(day, 1, 7), official_id, step`.execute(db);
  await sql`insert into rollup_month_buckets (unit_id, month, official_id, step, bucket, count)
            select unit_id, substr(day, 1, 7), official_id, step, bucket, sum(count)
              from rollup_buckets group by unit_id, substr(day, 1, 7), official_id, step, bucket`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['rollup_month_buckets', 'rollup_months']) await db.schema.dropTable(t).ifExists().execute();
}
