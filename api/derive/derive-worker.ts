import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';
import type { Logger } from '../http/logger.ts';
import { drainQueue, DEFAULT_LEASE_MS, type RunTally } from './derive-runner.ts';
import { enqueueStale } from './queue.repository.ts';
import { isPostgres } from './dialect.ts';

export type DeriveWorkerOptions = {
  /** Pause between rounds when the queue is empty. */
  intervalMs?: number;
  batchSize?: number;
  /** Claim-and-derive loops side by side (default: 2 on PostgreSQL, 1 on SQLite). */
  concurrency?: number;
  leaseMs?: number;
  /** Unfinished dossiers are re-derived this often: idle and overdue flags grow with time alone. */
  staleMs?: number;
  workerId?: string;
};

export type DeriveWorker = {
  id: string;
  /** What this worker has derived since it started (for logs and tests). */
  readonly tally: RunTally;
  stop(): Promise<void>;
  idle(): Promise<void>;
};

/**
 * The background derivation of one API process. Several processes may run one each on the same
 * PostgreSQL: claims skip rows locked by others, and a dossier is derived under its row lock.
 */
export function startDeriveWorker(
  services: { db: Kysely<Database>; now: () => number; log: Logger },
  opts: DeriveWorkerOptions = {},
): DeriveWorker {
  const id = opts.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const intervalMs = opts.intervalMs ?? 1000;
  const staleMs = opts.staleMs ?? 5 * 60_000;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let lastSweep = Number.NEGATIVE_INFINITY;
  const waiters: (() => void)[] = [];
  const total: RunTally = { derived: 0, removed: 0, failed: 0 };

  async function round(): Promise<void> {
    try {
      const now = services.now();
      if (now - lastSweep >= staleMs) {
        lastSweep = now;
        const marked = await enqueueStale(services.db, now, staleMs);
        if (marked) services.log.debug('derive: re-marked stale dossiers', { worker: id, marked });
      }
      const tally = await drainQueue(services.db, {
        now: services.now,
        workerId: id,
        batchSize: opts.batchSize ?? 100,
        // On PostgreSQL one loop computes while the other waits on the database.
        concurrency: opts.concurrency ?? (isPostgres(services.db) ? 2 : 1),
        leaseMs: opts.leaseMs ?? DEFAULT_LEASE_MS,
        log: services.log,
        shouldStop: () => stopped,
      });
      total.derived += tally.derived;
      total.removed += tally.removed;
      total.failed += tally.failed;
      if (tally.derived + tally.removed + tally.failed > 0) services.log.debug('derive: round', { worker: id, ...tally });
    } catch (e) {
      // The database may be briefly away; the next round tries again.
      if (!stopped) services.log.error('derive: round failed', { worker: id, error: String(e) });
    }
  }

  function schedule(ms: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().finally(() => {
        running = null;
        for (const w of waiters.splice(0)) w();
        schedule(intervalMs);
      });
    }, ms);
    // Never the reason a process stays alive.
    timer.unref?.();
  }
  schedule(0);

  return {
    id,
    tally: total,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    /** Resolves after the next round ends (tests wait on it instead of sleeping). */
    idle: () => new Promise<void>((resolve) => waiters.push(resolve)),
  };
}
