import { sql, type Kysely } from 'kysely';

/**
 * Hardening (issue 14), schema builder only as in 0001:
 * - events get a salt (per-field commitments that survive redaction) and a keyed tag (a row
 *   nobody without the checkpoint key can forge); chain heads get a tag too;
 * - event ids are unique across the whole system through a registry keyed by the id alone (the
 *   events' own key leads with the unit, for distribution by unit);
 * - an append-only audit log (redactions, closed inspections), signed checkpoints of every chain;
 * - sign-in throttling state, clients each account signed in from, security alerts;
 * - named locks that serialise whole-table invariants (the unit tree);
 * - a per-official daily quota of stored profile-miss reports;
 * - the checkpoint each closed inspection's report shows.
 * Sessions stored before this held the bearer token itself: they are ended.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('events').addColumn('salt', 'text').execute();
  await db.schema.alterTable('events').addColumn('tag', 'text').execute();
  await db.schema.alterTable('chain_heads').addColumn('tag', 'text').execute();

  await db.schema
    .createTable('event_ids')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('official_id', 'text', (c) => c.notNull())
    .execute();
  // Ids stored before were unique per unit only: the first unit's row keeps the id.
  await sql`insert into event_ids (id, unit_id, official_id)
            select e.id, e.unit_id, e.official_id from events e
             where e.unit_id = (select min(x.unit_id) from events x where x.id = e.id)`.execute(db);

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['kind', 'subject']).execute();
  await db.schema
    .createTable('audit_head')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('tag', 'text')
    .execute();

  await db.schema
    .createTable('checkpoints')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .execute();

  await db.deleteFrom('sessions').execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('next_at', 'bigint', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('login_known_clients')
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('client', 'text', (c) => c.notNull())
    .addColumn('last_success_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_known_clients_pk', ['username', 'client'])
    .execute();
  await db.schema
    .createTable('security_alerts')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('first_at', 'bigint', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .addColumn('count', 'bigint', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('security_alerts_pk', ['kind', 'subject'])
    .execute();
  await db.schema.createIndex('security_alerts_recent').on('security_alerts').column('last_at').execute();

  await db.schema
    .createTable('app_locks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('profile_miss_quota')
    .addColumn('official_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('stored', 'integer', (c) => c.notNull())
    .addColumn('over_cap', 'bigint', (c) => c.notNull())
    .addColumn('unknown_profile', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('profile_miss_quota_pk', ['official_id', 'day'])
    .execute();
  await db.schema.createIndex('profile_miss_quota_unit').on('profile_miss_quota').columns(['unit_id', 'day']).execute();

  await db.schema.alterTable('inspections').addColumn('checkpoint_seq', 'bigint').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'profile_miss_quota',
    'app_locks',
    'security_alerts',
    'login_known_clients',
    'login_throttle',
    'checkpoints',
    'audit_head',
    'audit_log',
    'event_ids',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  await db.schema.alterTable('inspections').dropColumn('checkpoint_seq').execute();
  await db.schema.alterTable('chain_heads').dropColumn('tag').execute();
  await db.schema.alterTable('events').dropColumn('tag').execute();
  await db.schema.alterTable('events').dropColumn('salt').execute();
}
