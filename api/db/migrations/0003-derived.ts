import type { Kysely } from 'kysely';

/**
 * Derived tables: everything here is recomputed from `events` (npm run derive -- --rebuild), so it
 * may be dropped at any time. Each table leads its key with a unit id so it can be distributed by
 * unit (Citus) like the events. Durations summed into rollups are integer milliseconds: integer
 * sums are exact in any order, so adding and subtracting a dossier's contribution incrementally
 * leaves the same rows as a rebuild. Schema builder only, as in 0001.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // A dossier's events come from officials of several units (stored under each official's unit).
  await db.schema.createIndex('events_dossier_code').on('events').columns(['dossier_code', 'at']).execute();

  // One row per dossier waiting for derivation. `dirty_seq` grows on every mark, so a worker
  // removes the row only if nothing arrived while it was deriving.
  await db.schema
    .createTable('derive_queue')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('dossier_code', 'text', (c) => c.notNull())
    .addColumn('dirty_at', 'bigint', (c) => c.notNull())
    .addColumn('dirty_seq', 'bigint', (c) => c.notNull().defaultTo(1))
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'bigint')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addPrimaryKeyConstraint('derive_queue_pk', ['unit_id', 'dossier_code'])
    .execute();
  await db.schema.createIndex('derive_queue_dirty').on('derive_queue').columns(['dirty_at']).execute();

  // unit_id is the receiving unit, read from the dossier code.
  await db.schema
    .createTable('dossiers')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('procedure_code', 'text')
    .addColumn('received_at', 'bigint')
    .addColumn('received_known', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('appointment_at', 'bigint')
    .addColumn('effective_appointment_at', 'bigint')
    .addColumn('finished_at', 'bigint')
    .addColumn('finished_action', 'text')
    .addColumn('timeliness', 'text')
    .addColumn('late_reason', 'text')
    .addColumn('supplement_requests', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('handling_seconds', 'double precision')
    .addColumn('holder_state', 'text')
    .addColumn('current_holder_id', 'text')
    .addColumn('current_holder_unit_id', 'text')
    .addColumn('current_step', 'text')
    .addColumn('pauses', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('anomalies', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('open_flags', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('event_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_event_at', 'bigint')
    .addColumn('derived_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossiers_pk', ['unit_id', 'code'])
    .execute();
  await db.schema.createIndex('dossiers_received').on('dossiers').columns(['unit_id', 'received_at']).execute();
  await db.schema.createIndex('dossiers_finished').on('dossiers').columns(['unit_id', 'finished_at']).execute();
  await db.schema.createIndex('dossiers_holder').on('dossiers').columns(['current_holder_id']).execute();
  await db.schema.createIndex('dossiers_recent').on('dossiers').columns(['unit_id', 'last_event_at']).execute();

  // Co-located with its dossier (receiving unit); the holder's unit is a column for grouping.
  await db.schema
    .createTable('segments')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('dossier_code', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('holder_id', 'text', (c) => c.notNull())
    .addColumn('holder_unit_id', 'text', (c) => c.notNull())
    /** The procedure's step code when the page's label matched one, else the label ('' if none). */
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('step_label', 'text')
    .addColumn('from_at', 'bigint', (c) => c.notNull())
    .addColumn('to_at', 'bigint')
    /** Local day (YYYY-MM-DD, UTC+7) the segment ended; null while held. */
    .addColumn('day', 'text')
    .addColumn('working_seconds', 'double precision', (c) => c.notNull())
    .addColumn('active_seconds', 'double precision', (c) => c.notNull())
    .addColumn('ended_by', 'text', (c) => c.notNull())
    .addColumn('start_known', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('segments_pk', ['unit_id', 'dossier_code', 'seq'])
    .execute();
  await db.schema.createIndex('segments_holder').on('segments').columns(['holder_id', 'to_at']).execute();
  await db.schema.createIndex('segments_holder_unit').on('segments').columns(['holder_unit_id', 'dossier_code']).execute();

  await db.schema
    .createTable('flags')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('dossier_code', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    /** 0 critical, 1 warning, 2 info: sorts worst first in SQL on both dialects. */
    .addColumn('severity_rank', 'integer', (c) => c.notNull())
    .addColumn('official_id', 'text')
    /** The flagged official's unit, or the dossier's when nobody is named: what unit filters use. */
    .addColumn('responsible_unit_id', 'text', (c) => c.notNull())
    .addColumn('since', 'bigint', (c) => c.notNull())
    .addColumn('hours_over', 'double precision', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('flags_pk', ['unit_id', 'key'])
    .execute();
  await db.schema.createIndex('flags_dossier').on('flags').columns(['unit_id', 'dossier_code']).execute();
  await db.schema.createIndex('flags_responsible').on('flags').columns(['responsible_unit_id', 'closed_at']).execute();
  await db.schema.createIndex('flags_official').on('flags').columns(['official_id', 'closed_at']).execute();

  // Per local day × holder's unit × official × step, over segments that have ended.
  await db.schema
    .createTable('rollups')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('official_id', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('segments', 'bigint', (c) => c.notNull())
    .addColumn('handled', 'bigint', (c) => c.notNull())
    .addColumn('working_ms', 'bigint', (c) => c.notNull())
    .addColumn('active_ms', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollups_pk', ['unit_id', 'day', 'official_id', 'step'])
    .execute();
  await db.schema.createIndex('rollups_official').on('rollups').columns(['official_id', 'day']).execute();

  // The sketch of segment working seconds, one row per non-empty bucket: quantiles over any
  // period and grouping are SUM(count) GROUP BY bucket, then quantileFromBuckets.
  await db.schema
    .createTable('rollup_buckets')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('official_id', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('bucket', 'integer', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollup_buckets_pk', ['unit_id', 'day', 'official_id', 'step', 'bucket'])
    .execute();
  await db.schema.createIndex('rollup_buckets_official').on('rollup_buckets').columns(['official_id', 'day']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['rollup_buckets', 'rollups', 'flags', 'segments', 'dossiers', 'derive_queue'])
    await db.schema.dropTable(t).ifExists().execute();
  await db.schema.dropIndex('events_dossier_code').ifExists().execute();
}
