import type { Transaction } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/tables.ts';
import type { EventResult } from '../../shared/schemas/events.ts';
import type { IntegrityKey } from '../integrity/signing-key.ts';
import { GENESIS_HASH, headTag, sealRow } from './hash-chain.ts';
import type { UnchainedRow } from './event-row.ts';
import { markDirty } from '../derive/queue.repository.ts';
import { recordProfileMisses } from '../admin/profile-misses.repository.ts';
import { admitProfileMisses } from '../admin/profile-miss-quota.repository.ts';
import { isPostgres } from '../derive/dialect.ts';
import { officialDirectory, type OfficialDirectory } from './official-directory.ts';
import { readingsOf, recordReadings } from './readings.repository.ts';

const INSERT_CHUNK = 500;

/** `taken`: the id belongs to another official's event. */
export type StoreOutcome = Exclude<EventResult['status'], 'rejected'> | 'taken';

/**
 * Stores one official's validated events in one transaction: the official's chain head is
 * locked first, so concurrent batches (even from several API processes) serialise per official.
 * Event ids are unique across the whole system: each id is claimed in the id registry (in sorted
 * order, so two officials sending the same ids at once wait for each other instead of
 * deadlocking), and an id already claimed is a duplicate (same official) or taken (another). Each
 * stored row is chained, salted and tagged (hash-chain.ts). Returns a result per row, in order.
 */
export async function storeEvents(
  db: Db,
  key: IntegrityKey,
  official: { id: string; unitId: string },
  rows: UnchainedRow[],
  now: number,
): Promise<StoreOutcome[]> {
  if (rows.length === 0) return [];
  // Read before the transaction: on SQLite the transaction holds the only connection.
  const directory = await officialDirectory(db);
  return db.transaction().execute((trx) => storeInTransaction(trx, key, official, rows, now, directory));
}

/** storeEvents' work inside a transaction the caller holds (the SQLite write queue commits several batches at once). */
export async function storeInTransaction(
  trx: Transaction<Database>,
  key: IntegrityKey,
  official: { id: string; unitId: string },
  rows: UnchainedRow[],
  now: number,
  directory: OfficialDirectory,
): Promise<StoreOutcome[]> {
  const outcome: StoreOutcome[] = new Array(rows.length);
  if (rows.length === 0) return outcome;
  {
    await trx
      .insertInto('chain_heads')
      .values({
        official_id: official.id,
        unit_id: official.unitId,
        seq: 0,
        hash: GENESIS_HASH,
        tag: headTag(key, official.id, 0, GENESIS_HASH),
      })
      .onConflict((oc) => oc.column('official_id').doNothing())
      .execute();
    let headQuery = trx.selectFrom('chain_heads').selectAll().where('official_id', '=', official.id);
    if (isPostgres(trx)) headQuery = headQuery.forUpdate();
    const head = await headQuery.executeTakeFirstOrThrow();

    // Profile misses beyond the official's daily cap, or naming a profile nobody knows, are counted only.
    const counted = await admitProfileMisses(trx, official, rows, now);

    // First occurrence of each id in the batch; a repeat inside the batch is a duplicate of it.
    const first = new Map<string, number>();
    rows.forEach((r, i) => {
      if (counted.has(i)) outcome[i] = 'accepted';
      else if (first.has(r.id)) outcome[i] = 'duplicate';
      else first.set(r.id, i);
    });
    const ids = [...first.keys()].sort();
    const claimed = new Set<string>();
    for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
      const got = await trx
        .insertInto('event_ids')
        .values(ids.slice(i, i + INSERT_CHUNK).map((id) => ({ id, unit_id: official.unitId, official_id: official.id })))
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute();
      for (const g of got) claimed.add(g.id);
    }
    const others = ids.filter((id) => !claimed.has(id));
    const owners = new Map<string, string>();
    for (let i = 0; i < others.length; i += INSERT_CHUNK) {
      const found = await trx
        .selectFrom('event_ids')
        .select(['id', 'official_id'])
        .where('id', 'in', others.slice(i, i + INSERT_CHUNK))
        .execute();
      for (const f of found) owners.set(f.id, f.official_id);
    }

    let seq = Number(head.seq);
    let hash = head.hash;
    const fresh = [];
    for (const [id, i] of first) {
      if (!claimed.has(id)) {
        outcome[i] = owners.get(id) === official.id ? 'duplicate' : 'taken';
        continue;
      }
      const r = rows[i]!;
      seq += 1;
      const row = { ...r, to_official_id: r.to_account ? directory.byAccount(r.to_account) : null, chain_seq: seq };
      const sealed = sealRow(key, hash, row);
      fresh.push({ ...row, prev_hash: hash, hash: sealed.hash, salt: sealed.salt, tag: sealed.tag });
      hash = sealed.hash;
      outcome[i] = 'accepted';
    }
    for (let i = 0; i < fresh.length; i += INSERT_CHUNK) {
      await trx
        .insertInto('events')
        .values(fresh.slice(i, i + INSERT_CHUNK))
        .execute();
    }
    if (fresh.length) {
      await trx
        .updateTable('chain_heads')
        .set({ seq, hash, tag: headTag(key, official.id, seq, hash) })
        .where('official_id', '=', official.id)
        .execute();
      // Same transaction: the dossiers are marked for derivation exactly when their events become visible.
      await markDirty(trx, fresh, fresh[0]!.received_at);
      await recordProfileMisses(trx, fresh);
      await recordReadings(trx, readingsOf(fresh, directory), fresh[0]!.received_at);
    }
  }
  return outcome;
}
