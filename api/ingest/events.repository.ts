import type { Transaction } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/tables.ts';
import type { EventResult } from '../../shared/schemas/events.ts';
import { chainHash, GENESIS_HASH } from './hash-chain.ts';
import type { UnchainedRow } from './event-row.ts';
import { markDirty } from '../derive/queue.repository.ts';
import { recordProfileMisses } from '../admin/profile-misses.repository.ts';
import { officialDirectory, type OfficialDirectory } from './official-directory.ts';
import { readingsOf, recordReadings } from './readings.repository.ts';

const INSERT_CHUNK = 500;

/** `taken`: the id belongs to another official's event. */
export type StoreOutcome = Exclude<EventResult['status'], 'rejected'> | 'taken';

/**
 * Stores one official's validated events in one transaction: the official's chain head is
 * locked first, so concurrent batches (even from several API processes) serialise per official
 * and an event id is stored at most once. Returns a result per row, in the rows' order.
 */
export async function storeEvents(
  db: Db,
  dialect: 'sqlite' | 'postgres',
  official: { id: string; unitId: string },
  rows: UnchainedRow[],
): Promise<StoreOutcome[]> {
  if (rows.length === 0) return [];
  // Read before the transaction: on SQLite the transaction holds the only connection.
  const directory = await officialDirectory(db);
  return db.transaction().execute((trx) => storeInTransaction(trx, dialect, official, rows, directory));
}

/** storeEvents' work inside a transaction the caller holds (the SQLite write queue commits several batches at once). */
export async function storeInTransaction(
  trx: Transaction<Database>,
  dialect: 'sqlite' | 'postgres',
  official: { id: string; unitId: string },
  rows: UnchainedRow[],
  directory: OfficialDirectory,
): Promise<StoreOutcome[]> {
  const outcome: StoreOutcome[] = [];
  if (rows.length === 0) return outcome;
  {
    await trx
      .insertInto('chain_heads')
      .values({ official_id: official.id, unit_id: official.unitId, seq: 0, hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('official_id').doNothing())
      .execute();
    let headQuery = trx.selectFrom('chain_heads').selectAll().where('official_id', '=', official.id);
    if (dialect === 'postgres') headQuery = headQuery.forUpdate();
    const head = await headQuery.executeTakeFirstOrThrow();


    const existing = new Map<string, string>();
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const ids = rows.slice(i, i + INSERT_CHUNK).map((r) => r.id);
      const found = await trx.selectFrom('events').select(['id', 'official_id']).where('unit_id', '=', official.unitId).where('id', 'in', ids).execute();
      for (const f of found) existing.set(f.id, f.official_id);
    }

    let seq = Number(head.seq);
    let hash = head.hash;
    const fresh = [];
    for (const r of rows) {
      const owner = existing.get(r.id);
      if (owner !== undefined) {
        outcome.push(owner === official.id ? 'duplicate' : 'taken');
        continue;
      }
      seq += 1;
      const row = { ...r, to_official_id: r.to_account ? directory.byAccount(r.to_account) : null, chain_seq: seq };
      const next = chainHash(hash, row);
      fresh.push({ ...row, prev_hash: hash, hash: next });
      hash = next;
      existing.set(r.id, official.id);
      outcome.push('accepted');
    }
    for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
      await trx.insertInto('events').values(fresh.slice(i, i + INSERT_CHUNK)).execute();
    }
    if (fresh.length) await trx.updateTable('chain_heads').set({ seq, hash }).where('official_id', '=', official.id).execute();
    // Same transaction: the dossiers are marked for derivation exactly when their events become visible.
    if (fresh.length) await markDirty(trx, fresh, fresh[0]!.received_at);
    if (fresh.length) await recordProfileMisses(trx, fresh);
    if (fresh.length) await recordReadings(trx, readingsOf(fresh, directory), fresh[0]!.received_at);
  }
  return outcome;
}
