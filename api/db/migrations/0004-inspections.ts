import type { Kysely } from 'kysely';

/**
 * Surprise inspections. Unlike the derived tables these are records, never rebuilt: the sampled
 * dossiers' evidence is a frozen JSON copy taken at the draw, so re-deriving after a calendar or
 * rule change cannot alter what the inspector saw. Keys lead with the inspected unit, like every
 * other table, so they can be distributed by unit (Citus); routes address an inspection by its
 * id alone, hence the plain index on it (ids are random UUIDs). Schema builder only, as in 0001.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inspections')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('inspector_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('sample_size', 'integer', (c) => c.notNull())
    .addColumn('period_from', 'text')
    .addColumn('period_to', 'text')
    /** Name and version of the draw method, so an old draw can be re-verified after a change. */
    .addColumn('algorithm', 'text', (c) => c.notNull())
    /** JSON: the weighting parameters in force at the draw. */
    .addColumn('weighting', 'text', (c) => c.notNull())
    /** JSON: [[dossier code, weight], …] of the whole population, enough to replay the draw. */
    .addColumn('population', 'text', (c) => c.notNull())
    .addColumn('population_size', 'integer', (c) => c.notNull())
    .addColumn('drawn_at', 'bigint', (c) => c.notNull())
    .addColumn('closed_at', 'bigint')
    .addColumn('closed_by', 'text')
    /** The inspector's overall conclusion, written when closing. */
    .addColumn('conclusion', 'text')
    .addPrimaryKeyConstraint('inspections_pk', ['unit_id', 'id'])
    .execute();
  await db.schema.createIndex('inspections_id').on('inspections').column('id').execute();
  await db.schema.createIndex('inspections_recent').on('inspections').columns(['unit_id', 'drawn_at']).execute();

  await db.schema
    .createTable('inspection_dossiers')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('inspection_id', 'text', (c) => c.notNull())
    .addColumn('dossier_code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('dossier_unit_id', 'text', (c) => c.notNull())
    .addColumn('weight', 'double precision', (c) => c.notNull())
    /** JSON: what the weight was made of (open flags by severity, lateness). */
    .addColumn('risk', 'text', (c) => c.notNull())
    .addColumn('draw_key', 'double precision', (c) => c.notNull())
    /** JSON snapshot of the timeline at the draw; evidence_sha256 is the digest of this exact text. */
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('evidence_sha256', 'text', (c) => c.notNull())
    .addColumn('delay_justified', 'integer')
    .addColumn('responsible_official_id', 'text')
    .addColumn('note', 'text')
    .addColumn('found_by', 'text')
    .addColumn('found_at', 'bigint')
    .addPrimaryKeyConstraint('inspection_dossiers_pk', ['unit_id', 'inspection_id', 'dossier_code'])
    .execute();

  // Written once, when the inspection closes; served as stored, never re-rendered.
  await db.schema
    .createTable('inspection_reports')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('inspection_id', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('inspection_reports_pk', ['unit_id', 'inspection_id', 'format'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['inspection_reports', 'inspection_dossiers', 'inspections']) await db.schema.dropTable(t).ifExists().execute();
}
