import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/tables.ts';
import { unitOfDossier } from '../../shared/schemas/dossier.ts';
import { isPostgres } from './dialect.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Event kinds that concern one dossier's custody; list views and profile misses do not. */
const DOSSIER_KINDS = new Set(['open', 'close', 'active', 'action']);

/** `attempts`: claims since the last success, so a dossier that keeps failing is retried less often. */
export type QueueItem = { unitId: string; code: string; seq: number; attempts: number };

/**
 * Called inside the ingest transaction, so a dossier is marked exactly when its events become
 * visible. Codes are sorted: concurrent batches then lock queue rows in one order (no deadlock).
 */
export async function markDirty(trx: Executor, rows: readonly { kind: string; dossier_code: string | null }[], at: number): Promise<void> {
  const codes = [...new Set(rows.filter((r) => r.dossier_code && DOSSIER_KINDS.has(r.kind)).map((r) => r.dossier_code!))].sort();
  await enqueue(trx, codes, at);
}

export async function enqueue(db: Executor, codes: readonly string[], at: number): Promise<void> {
  for (let i = 0; i < codes.length; i += 500) {
    const values = codes.slice(i, i + 500).map((code) => ({ unit_id: unitOfDossier(code), dossier_code: code, dirty_at: at }));
    await db
      .insertInto('derive_queue')
      .values(values)
      // dirty_at keeps the oldest mark (first come, first derived); the sequence tells a worker
      // that more arrived while it was busy. A dossier parked after a failure is retried at once
      // on new events (they may be what it needed), without waiting out its back-off.
      .onConflict((oc) =>
        oc.columns(['unit_id', 'dossier_code']).doUpdateSet((eb) => ({
          dirty_seq: eb('derive_queue.dirty_seq', '+', 1),
          claimed_until: eb
            .case()
            .when(eb.and([eb('derive_queue.last_error', 'is not', null), eb('derive_queue.claimed_by', 'is', null)]))
            .then(null)
            .else(eb.ref('derive_queue.claimed_until'))
            .end(),
        })),
      )
      .execute();
  }
}

/**
 * Takes up to `limit` unclaimed (or abandoned: lease expired) dossiers for `workerId`. On
 * PostgreSQL the candidates are locked with SKIP LOCKED, so concurrent workers of several API
 * processes take disjoint sets without waiting for each other.
 */
export async function claimBatch(
  db: Kysely<Database>,
  workerId: string,
  limit: number,
  now: number,
  leaseMs: number,
): Promise<QueueItem[]> {
  const pg = isPostgres(db);
  return db.transaction().execute(async (trx) => {
    let q = trx
      .selectFrom('derive_queue')
      .select(['unit_id', 'dossier_code', 'dirty_seq', 'attempts'])
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .orderBy('dirty_at')
      .orderBy('unit_id')
      .orderBy('dossier_code')
      .limit(limit);
    if (pg) q = q.forUpdate().skipLocked();
    const rows = await q.execute();
    if (rows.length === 0) return [];
    await trx
      .updateTable('derive_queue')
      .set((eb) => ({ claimed_by: workerId, claimed_until: now + leaseMs, attempts: eb('attempts', '+', 1) }))
      .where((eb) => eb.or(rows.map((r) => eb.and([eb('unit_id', '=', r.unit_id), eb('dossier_code', '=', r.dossier_code)]))))
      .execute();
    return rows.map((r) => ({ unitId: r.unit_id, code: r.dossier_code, seq: Number(r.dirty_seq), attempts: Number(r.attempts) + 1 }));
  });
}

/**
 * Done with a dossier: the row goes only if no mark came after `seq` (then it stays, unclaimed,
 * for another round). Runs inside the derivation's transaction so both commit together.
 */
export async function releaseDone(trx: Executor, item: { unitId: string; code: string }, seq: number | null): Promise<void> {
  if (seq === null) return;
  const deleted = await trx
    .deleteFrom('derive_queue')
    .where('unit_id', '=', item.unitId)
    .where('dossier_code', '=', item.code)
    .where('dirty_seq', '=', seq)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) > 0) return;
  await trx
    .updateTable('derive_queue')
    .set({ claimed_by: null, claimed_until: null, attempts: 0, last_error: null })
    .where('unit_id', '=', item.unitId)
    .where('dossier_code', '=', item.code)
    .execute();
}

/** A failed derivation keeps its mark and is retried after `retryMs`, not in a hot loop. */
export async function releaseFailed(
  db: Executor,
  item: { unitId: string; code: string },
  error: string,
  now: number,
  retryMs: number,
): Promise<void> {
  await db
    .updateTable('derive_queue')
    .set({ claimed_by: null, claimed_until: now + retryMs, last_error: error.slice(0, 1000) })
    .where('unit_id', '=', item.unitId)
    .where('dossier_code', '=', item.code)
    .execute();
}

/** The queue rows' current marks, read under the dossiers' locks; absent when nothing is queued. */
export async function queueSeqs(trx: Executor, keys: readonly { unitId: string; code: string }[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await trx
    .selectFrom('derive_queue')
    .select(['dossier_code', 'dirty_seq'])
    .where('unit_id', 'in', [...new Set(keys.map((k) => k.unitId))])
    .where(
      'dossier_code',
      'in',
      keys.map((k) => k.code),
    )
    .execute();
  return new Map(rows.map((r) => [r.dossier_code, Number(r.dirty_seq)]));
}

/**
 * Unfinished dossiers whose flags may have changed with time alone (idle, overdue, due soon) are
 * marked again once their last derivation is older than `staleMs`.
 */
export async function enqueueStale(db: Kysely<Database>, now: number, staleMs: number, limit = 5000): Promise<number> {
  const rows = await db
    .selectFrom('dossiers')
    .select('code')
    .where('finished_at', 'is', null)
    .where('derived_at', '<', now - staleMs)
    .orderBy('derived_at')
    .limit(limit)
    .execute();
  const codes = rows.map((r) => r.code).sort();
  if (codes.length === 0) return 0;
  await db.transaction().execute((trx) => enqueue(trx, codes, now));
  return codes.length;
}

export async function queueLength(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('derive_queue')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Dossiers whose derivation failed and waits for a retry (or their next event), in the units given. */
export async function failedDerivations(db: Executor, units: readonly string[], limit = 200) {
  const rows = await db
    .selectFrom('derive_queue')
    .select(['unit_id', 'dossier_code', 'attempts', 'last_error', 'claimed_until', 'dirty_at'])
    .where('last_error', 'is not', null)
    .where('unit_id', 'in', units.length ? [...units] : [''])
    .orderBy('dirty_at')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    unitId: r.unit_id,
    dossierCode: r.dossier_code,
    attempts: Number(r.attempts),
    error: r.last_error!,
    markedAt: new Date(Number(r.dirty_at)).toISOString(),
    retryAt: r.claimed_until === null ? null : new Date(Number(r.claimed_until)).toISOString(),
  }));
}
