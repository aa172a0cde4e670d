import type { Kysely } from 'kysely';

/**
 * Attribution from evidence (issue 13). Segments carry how their custody is known and how much of
 * it is blamed; `readings` indexes every page that named a dossier's current handler (on opens,
 * actions and list rows), resolved to an official at ingest, so derivation reads them per
 * dossier; `official_accounts` holds officials' further back-office accounts (the first stays on
 * `officials.backoffice_account`), from which the server decides whose page an event came from.
 * Schema builder only, as in 0001.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('segments')
    .addColumn('evidence', 'text', (c) => c.notNull().defaultTo('confirmed'))
    .execute();
  await db.schema
    .alterTable('segments')
    .addColumn('cause', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('segments').addColumn('claimed_by', 'text').execute();
  await db.schema.alterTable('segments').addColumn('disputed_from', 'bigint').execute();
  await db.schema
    .alterTable('segments')
    .addColumn('contested', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('segments')
    .addColumn('blamed_seconds', 'double precision', (c) => c.notNull().defaultTo(0))
    .execute();
  /** 1: the holder may read the dossier (confirmed custody that reached them through someone else or their unit's desk). */
  await db.schema
    .alterTable('segments')
    .addColumn('read_access', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema.alterTable('dossiers').addColumn('holder_evidence', 'text').execute();
  /** JSON {at, action, officialId}: an end someone claimed while the holder's custody stood. */
  await db.schema.alterTable('dossiers').addColumn('unconfirmed_finish', 'text').execute();

  await db.schema
    .createTable('readings')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('dossier_code', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('official_id', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('handler', 'text', (c) => c.notNull())
    .addColumn('handler_official_id', 'text')
    .addColumn('identity_mismatch', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('readings_pk', ['unit_id', 'dossier_code', 'event_id'])
    .execute();

  await db.schema
    .createTable('official_accounts')
    .addColumn('account', 'text', (c) => c.primaryKey())
    .addColumn('official_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('official_accounts_official').on('official_accounts').columns(['official_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('official_accounts').execute();
  await db.schema.dropTable('readings').execute();
  for (const c of ['unconfirmed_finish', 'holder_evidence']) await db.schema.alterTable('dossiers').dropColumn(c).execute();
  for (const c of ['read_access', 'blamed_seconds', 'contested', 'disputed_from', 'claimed_by', 'cause', 'evidence']) {
    await db.schema.alterTable('segments').dropColumn(c).execute();
  }
}
