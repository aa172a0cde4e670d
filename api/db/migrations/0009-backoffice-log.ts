import type { Kysely } from 'kysely';

/**
 * The back-office's own handling log as a second witness (issue 21). Only whitelisted facts are
 * kept: dossier code, procedure code, step, action, the officials' accounts (and who they
 * resolved to), the instant. A row's key is a digest of those facts, so importing the same file
 * or an overlapping period twice adds nothing. Imports keep one row per unit they touched, with
 * the period the file covers there: inside it, a captured action the log does not know is
 * disputed. Mappings are versioned data, like site profiles. Schema builder only, as in 0001.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('backoffice_mappings')
    .addColumn('backoffice', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    /** JSON: header of each whitelisted fact, action labels. */
    .addColumn('mapping', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('backoffice_mappings_pk', ['backoffice', 'version'])
    .execute();

  await db.schema
    .createTable('backoffice_imports')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('backoffice', 'text', (c) => c.notNull())
    .addColumn('mapping_version', 'integer', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('period_from', 'bigint', (c) => c.notNull())
    .addColumn('period_to', 'bigint', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull())
    .addColumn('rows_stored', 'integer', (c) => c.notNull())
    /** JSON: the file's headers that were read and dropped (not whitelisted). */
    .addColumn('dropped_columns', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'bigint', (c) => c.notNull())
    .addColumn('imported_by', 'text')
    .addPrimaryKeyConstraint('backoffice_imports_pk', ['unit_id', 'id'])
    .execute();
  await db.schema.createIndex('backoffice_imports_period').on('backoffice_imports').columns(['unit_id', 'period_from']).execute();

  await db.schema
    .createTable('backoffice_log')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('row_key', 'text', (c) => c.notNull())
    .addColumn('dossier_code', 'text', (c) => c.notNull())
    .addColumn('procedure_code', 'text')
    .addColumn('step', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_account', 'text', (c) => c.notNull())
    .addColumn('receiver_account', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('receiver_id', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('backoffice_log_pk', ['unit_id', 'row_key'])
    .execute();
  await db.schema.createIndex('backoffice_log_dossier').on('backoffice_log').columns(['unit_id', 'dossier_code']).execute();
  await db.schema.createIndex('backoffice_log_at').on('backoffice_log').columns(['unit_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('backoffice_log').ifExists().execute();
  await db.schema.dropTable('backoffice_imports').ifExists().execute();
  await db.schema.dropTable('backoffice_mappings').ifExists().execute();
}
