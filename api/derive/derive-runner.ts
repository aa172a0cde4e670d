import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';
import type { Logger } from '../http/logger.ts';
import { createDeriveContext } from './derive-context.ts';
import { deriveBatch, type DeriveOutcome } from './derive-dossier.ts';
import { claimBatch, releaseFailed, type QueueItem } from './queue.repository.ts';

export type RunTally = { derived: number; removed: number; failed: number };

export const DEFAULT_LEASE_MS = 5 * 60_000;
/** A failing dossier waits 1, 2, 4 … minutes, at most an hour, between attempts. */
const retryMs = (attempts: number) => Math.min(3600_000, 60_000 * 2 ** Math.max(0, Math.min(attempts - 1, 6)));

const count = (tally: RunTally, outcomes: Map<string, DeriveOutcome>) => {
  for (const o of outcomes.values()) tally[o] += 1;
};

/**
 * Derives claimed items as one batch; if the batch fails, one by one, so a dossier whose events
 * break derivation is logged and retried later while the rest go on.
 */
export async function processItems(
  db: Kysely<Database>,
  items: readonly QueueItem[],
  now: number,
  log?: Logger,
  shouldStop: () => boolean = () => false,
): Promise<RunTally> {
  const ctx = createDeriveContext(log);
  const tally: RunTally = { derived: 0, removed: 0, failed: 0 };
  if (shouldStop()) {
    // Hand them back at once instead of letting their lease run out.
    for (const item of items) await releaseFailed(db, item, 'worker stopped', now, -1);
    return tally;
  }
  try {
    count(
      tally,
      await deriveBatch(
        db,
        ctx,
        items.map((i) => i.code),
        now,
      ),
    );
    return tally;
  } catch (e) {
    if (items.length === 1) return failed(db, items[0]!, e, now, tally, log);
  }
  for (const item of items) {
    try {
      count(tally, await deriveBatch(db, ctx, [item.code], now));
    } catch (e) {
      await failed(db, item, e, now, tally, log);
    }
  }
  return tally;
}

async function failed(db: Kysely<Database>, item: QueueItem, e: unknown, now: number, tally: RunTally, log?: Logger): Promise<RunTally> {
  tally.failed += 1;
  log?.error('derive: dossier failed', {
    dossier: item.code,
    attempts: item.attempts,
    error: String(e),
    stack: e instanceof Error ? e.stack : undefined,
  });
  await releaseFailed(db, item, String(e), now, retryMs(item.attempts)).catch(() => undefined);
  return tally;
}

/**
 * Claims and derives until the queue has nothing claimable left. `concurrency` loops claim
 * disjoint batches (each dossier still under its own lock); it pays on PostgreSQL, whose pool
 * has several connections, and is harmless on SQLite, which serialises them.
 */
export async function drainQueue(
  db: Kysely<Database>,
  opts: {
    now: () => number;
    workerId?: string;
    batchSize?: number;
    leaseMs?: number;
    concurrency?: number;
    log?: Logger;
    shouldStop?: () => boolean;
    onBatch?: (t: RunTally) => void;
  },
): Promise<RunTally> {
  const workerId = opts.workerId ?? `drain:${randomUUID()}`;
  const total: RunTally = { derived: 0, removed: 0, failed: 0 };
  const loop = async () => {
    while (!opts.shouldStop?.()) {
      const now = opts.now();
      const items = await claimBatch(db, workerId, opts.batchSize ?? 50, now, opts.leaseMs ?? DEFAULT_LEASE_MS);
      if (items.length === 0) break;
      const t = await processItems(db, items, now, opts.log, opts.shouldStop);
      total.derived += t.derived;
      total.removed += t.removed;
      total.failed += t.failed;
      opts.onBatch?.(total);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, loop));
  return total;
}

/**
 * Synchronous derivation for tests and the CLI: the given dossiers (whether marked or not), or
 * everything the queue holds. Safe beside running workers: each dossier is derived under its lock.
 */
export async function deriveNow(
  db: Kysely<Database>,
  codes?: readonly string[],
  opts: { now?: number; log?: Logger } = {},
): Promise<RunTally> {
  const now = opts.now ?? Date.now();
  if (codes === undefined) return drainQueue(db, { now: () => now, log: opts.log });
  const ctx = createDeriveContext(opts.log);
  const tally: RunTally = { derived: 0, removed: 0, failed: 0 };
  const sorted = [...new Set(codes)].sort();
  for (let i = 0; i < sorted.length; i += 100) count(tally, await deriveBatch(db, ctx, sorted.slice(i, i + 100), now));
  return tally;
}
