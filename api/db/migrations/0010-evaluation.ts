import type { Kysely } from 'kysely';

/**
 * Periodic evaluation (issue 18): explanations (the official's right of reply) with an
 * admin-extendable list of reasons, the record of who read whose figures, versioned KPI
 * settings and issued KPI sheets. All records, never derived: a rebuild leaves them as they are.
 * Keys lead with the unit, as elsewhere, so they can be distributed by unit. Schema builder only.
 */
export const DEFAULT_REASONS: [code: string, vi: string, en: string][] = [
  ['other_agency', 'Chờ ý kiến của cơ quan khác', "Waiting for another agency's opinion"],
  ['citizen_postponed', 'Công dân đề nghị hoãn', 'The citizen asked to postpone'],
  ['system_outage', 'Sự cố hệ thống', 'System outage'],
  ['required_consultation', 'Lấy ý kiến theo quy định', 'Legally required consultation'],
  ['leave_sickness', 'Nghỉ phép, ốm đau', 'Leave or sickness'],
  ['other', 'Lý do khác', 'Other'],
];

/** Weights and thresholds of the province's KPI criteria, version 1 (admins add later versions). */
export const DEFAULT_KPI_SETTINGS = {
  weights: { onTime: 0.6, withinAllotment: 0.3, noFlags: 0.1 },
  thresholds: { onTimeTarget: 0.95 },
  commentWorkingDays: 5,
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('explanation_reasons')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('label_vi', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db
    .insertInto('explanation_reasons')
    .values(DEFAULT_REASONS.map(([code, vi, en]) => ({ code, label_vi: vi, label_en: en, created_at: 0, created_by: null })))
    .execute();

  await db.schema
    .createTable('explanations')
    /** The explaining official's unit: who may read and decide it follows from this. */
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('official_id', 'text', (c) => c.notNull())
    /** `flag` (subject_key is the flag's key) or `dossier` (a late dossier; subject_key is its code). */
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_key', 'text', (c) => c.notNull())
    .addColumn('dossier_unit_id', 'text', (c) => c.notNull())
    .addColumn('dossier_code', 'text', (c) => c.notNull())
    /** The justified stretch: the official's custody segment starting here, or null for all of theirs on the dossier. */
    .addColumn('segment_from', 'bigint')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'bigint')
    .addColumn('decision_note', 'text')
    .addPrimaryKeyConstraint('explanations_pk', ['unit_id', 'id'])
    .execute();
  await db.schema.createIndex('explanations_id').on('explanations').column('id').execute();
  await db.schema.createIndex('explanations_official').on('explanations').columns(['official_id', 'status']).execute();
  await db.schema.createIndex('explanations_dossier').on('explanations').columns(['dossier_unit_id', 'dossier_code']).execute();

  await db.schema
    .createTable('access_log')
    /** The unit of the official whose records were read. */
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('official_id', 'text', (c) => c.notNull())
    .addColumn('reader_id', 'text', (c) => c.notNull())
    .addColumn('reader_role', 'text', (c) => c.notNull())
    /** figures | dossier | sheet | export */
    .addColumn('what', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('access_log_pk', ['unit_id', 'id'])
    .execute();
  await db.schema.createIndex('access_log_official').on('access_log').columns(['official_id', 'at']).execute();

  await db.schema
    .createTable('kpi_settings')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db
    .insertInto('kpi_settings')
    .values({ version: 1, body: JSON.stringify(DEFAULT_KPI_SETTINGS), created_at: 0, created_by: null })
    .execute();

  await db.schema
    .createTable('kpi_sheets')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    /** official | unit */
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    /** `2026-03`, `2026-Q1` or `2026`. */
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('settings_version', 'integer', (c) => c.notNull())
    /** Canonical JSON of the computed sheet, never rewritten; body_sha256 is its digest. */
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_sha256', 'text', (c) => c.notNull())
    .addColumn('checkpoint_seq', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('seen_at', 'bigint')
    .addColumn('comment', 'text')
    .addColumn('signed_by', 'text')
    .addColumn('signed_at', 'bigint')
    .addPrimaryKeyConstraint('kpi_sheets_pk', ['unit_id', 'id'])
    .execute();
  await db.schema.createIndex('kpi_sheets_id').on('kpi_sheets').column('id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['kpi_sheets', 'kpi_settings', 'access_log', 'explanations', 'explanation_reasons'])
    await db.schema.dropTable(t).ifExists().execute();
}
