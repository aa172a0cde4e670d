import type { Kysely } from 'kysely';

/**
 * Administration: procedures and their steps, versioned working calendars, versioned site
 * profiles, stall-rule settings per scope, and the aggregated profile-miss health.
 * Schema builder only, so the same migration serves SQLite and PostgreSQL. JSON lives in text
 * columns (not jsonb) for the same reason; it is validated with zod when written and read.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('procedures')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    // Days may be fractional (a half-day step total), hence a float.
    .addColumn('total_amount', 'double precision', (c) => c.notNull())
    .addColumn('time_type', 'text', (c) => c.notNull())
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema.createIndex('procedures_unit').on('procedures').column('unit_id').execute();

  // Versions are appended, never updated: statistics computed under version N stay reproducible.
  await db.schema
    .createTable('calendars')
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('calendars_pk', ['unit_id', 'version'])
    .execute();

  // Events name the profile version they were read with, so old versions are kept.
  await db.schema
    .createTable('site_profiles')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('site_profiles_pk', ['id', 'version'])
    .execute();

  await db.schema
    .createTable('rule_settings')
    .addColumn('scope_kind', 'text', (c) => c.notNull())
    .addColumn('scope_id', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('rule_settings_pk', ['scope_kind', 'scope_id'])
    .execute();

  // Derived from `profile_miss` events (rebuildable); the unit leads the key like the events'.
  await db.schema
    .createTable('profile_misses')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('profile_version', 'integer', (c) => c.notNull())
    .addColumn('page_kind', 'text', (c) => c.notNull())
    .addColumn('anchor', 'text', (c) => c.notNull())
    .addColumn('first_at', 'bigint', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addColumn('last_official_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('profile_misses_pk', ['unit_id', 'profile_id', 'profile_version', 'page_kind', 'anchor'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['profile_misses', 'rule_settings', 'site_profiles', 'calendars', 'procedures'])
    await db.schema.dropTable(t).ifExists().execute();
}
