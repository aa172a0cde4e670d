import { sql, type Transaction } from 'kysely';
import type pg from 'pg';
import type { Database } from '../db/tables.ts';
import { isPostgres } from './dialect.ts';

/**
 * One advisory lock key for "derived rows are being rebuilt in bulk". A bulk rebuild holds it
 * exclusively for its whole run; every incremental derivation takes it shared for its
 * transaction, so it waits while a rebuild writes rows without per-dossier locks, and a rebuild
 * waits for derivations in flight. SQLite needs none: one writer at a time is its nature.
 */
const REBUILD_LOCK = 0x44505242; // 'DPRB'

export async function holdRebuildShared(trx: Transaction<Database>): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock_shared(${REBUILD_LOCK})`.execute(trx);
}

/** Held on the rebuild's own session until `release`. */
export async function takeRebuildLock(client: pg.ClientBase): Promise<() => Promise<void>> {
  await client.query('select pg_advisory_lock($1)', [REBUILD_LOCK]);
  return async () => {
    await client.query('select pg_advisory_unlock($1)', [REBUILD_LOCK]);
  };
}
