import type { Kysely } from 'kysely';

/** Written with Kysely's schema builder only, so one migration set serves SQLite and PostgreSQL. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('units.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('officials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('backoffice_account', 'text', (c) => c.unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('official_id', 'text', (c) => c.notNull().references('officials.id').onDelete('cascade'))
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_official').on('sessions').column('official_id').execute();

  // The unit leads the key so the table can be distributed by unit (Citus) when it outgrows one server.
  await db.schema
    .createTable('events')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('official_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('dossier_code', 'text')
    .addColumn('action', 'text')
    .addColumn('to_account', 'text')
    .addColumn('to_official_id', 'text')
    .addColumn('procedure_code', 'text')
    .addColumn('status', 'text')
    .addColumn('step', 'text')
    .addColumn('appointment_at', 'bigint')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('client_at', 'bigint', (c) => c.notNull())
    .addColumn('start_at', 'bigint')
    .addColumn('end_at', 'bigint')
    .addColumn('active_ms', 'bigint')
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('skew_ms', 'bigint', (c) => c.notNull())
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('profile_version', 'integer', (c) => c.notNull())
    .addColumn('backoffice_user', 'text')
    .addColumn('identity_mismatch', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extra', 'text')
    .addColumn('chain_seq', 'bigint', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('events_pk', ['unit_id', 'id'])
    .execute();
  await db.schema.createIndex('events_dossier').on('events').columns(['unit_id', 'dossier_code', 'at']).execute();
  await db.schema.createIndex('events_official').on('events').columns(['unit_id', 'official_id', 'at']).execute();
  await db.schema.createIndex('events_chain').on('events').columns(['official_id', 'chain_seq']).execute();

  await db.schema
    .createTable('chain_heads')
    .addColumn('official_id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['chain_heads', 'events', 'sessions', 'officials', 'units']) await db.schema.dropTable(t).ifExists().execute();
}
