import type { Kysely } from 'kysely';

/**
 * Free-text values that looked like a citizen's personal data and were dropped at ingest
 * (issue 16), counted per unit, profile version, field and kind. The value itself is never
 * stored anywhere: the event is chained without it, and this table says only that a value of
 * that field was held back, so the profile's author can fix the selector. Schema builder only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pii_quarantine')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('profile_version', 'integer', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('first_at', 'bigint', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addColumn('last_official_id', 'text', (c) => c.notNull())
    .addColumn('last_event_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pii_quarantine_pk', ['unit_id', 'profile_id', 'profile_version', 'field', 'kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pii_quarantine').ifExists().execute();
}
