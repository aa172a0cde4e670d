import { sql, type Kysely } from 'kysely';

/**
 * Rollups per local month (`YYYY-MM`) and per local year (`YYYY`) beside the daily ones: the
 * same sums and sketch buckets per holder's unit × official × step. A period's whole years are
 * read from the yearly rows, its other whole months from the monthly ones and only its ragged
 * edges from the daily ones, so a year's statistics add up one row per official and step instead
 * of some 250. Derivation writes every level in the dossier's own transaction; existing daily
 * rows are summed into the new levels here. Schema builder only, as in 0001.
 */
const LEVELS = [
  { name: 'month', table: 'rollup_months', buckets: 'rollup_month_buckets', length: 7 },
  { name: 'year', table: 'rollup_years', buckets: 'rollup_year_buckets', length: 4 },
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const level of LEVELS) {
    await db.schema
      .createTable(level.table)
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn(level.name, 'text', (c) => c.notNull())
      .addColumn('official_id', 'text', (c) => c.notNull())
      .addColumn('step', 'text', (c) => c.notNull())
      .addColumn('segments', 'bigint', (c) => c.notNull())
      .addColumn('handled', 'bigint', (c) => c.notNull())
      .addColumn('working_ms', 'bigint', (c) => c.notNull())
      .addColumn('active_ms', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${level.table}_pk`, ['unit_id', level.name, 'official_id', 'step'])
      .execute();
    await db.schema.createIndex(`${level.table}_official`).on(level.table).columns(['official_id', level.name]).execute();
    await db.schema
      .createTable(level.buckets)
      .addColumn('unit_id', 'text', (c) => c.notNull())
      .addColumn(level.name, 'text', (c) => c.notNull())
      .addColumn('official_id', 'text', (c) => c.notNull())
      .addColumn('step', 'text', (c) => c.notNull())
      .addColumn('bucket', 'integer', (c) => c.notNull())
      .addColumn('count', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${level.buckets}_pk`, ['unit_id', level.name, 'official_id', 'step', 'bucket'])
      .execute();
    await db.schema.createIndex(`${level.buckets}_official`).on(level.buckets).columns(['official_id', level.name]).execute();

    const period = sql`substr(day, 1, ${sql.lit(level.length)})`;
    await sql`insert into ${sql.table(level.table)} (unit_id, ${sql.ref(level.name)}, official_id, step, segments, handled, working_ms, active_ms)
              select unit_id, ${period}, official_id, step, sum(segments), sum(handled), sum(working_ms), sum(active_ms)
                from rollups group by unit_id, ${period}, official_id, step`.execute(db);
    await sql`insert into ${sql.table(level.buckets)} (unit_id, ${sql.ref(level.name)}, official_id, step, bucket, count)
              select unit_id, ${period}, official_id, step, bucket, sum(count)
                from rollup_buckets group by unit_id, ${period}, official_id, step, bucket`.execute(db);
  }
  // The finished-dossier counts per timeliness read the index alone.
  await db.schema.dropIndex('dossiers_finished').execute();
  await db.schema.createIndex('dossiers_finished').on('dossiers').columns(['unit_id', 'finished_at', 'timeliness']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const level of LEVELS) {
    await db.schema.dropTable(level.buckets).ifExists().execute();
    await db.schema.dropTable(level.table).ifExists().execute();
  }
  await db.schema.dropIndex('dossiers_finished').execute();
  await db.schema.createIndex('dossiers_finished').on('dossiers').columns(['unit_id', 'finished_at']).execute();
}
