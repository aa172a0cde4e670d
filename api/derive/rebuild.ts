import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/tables.ts';
import type { Logger } from '../http/logger.ts';
import { drainQueue, type RunTally } from './derive-runner.ts';
import { enqueue, queueLength } from './queue.repository.ts';
import { isPostgres } from './dialect.ts';

export const DERIVED_TABLES = ['rollup_year_buckets', 'rollup_years', 'rollup_month_buckets', 'rollup_months', 'rollup_buckets', 'rollups', 'flags', 'segments', 'dossiers', 'derive_queue'] as const;

export type RebuildProgress = { done: number; total: number; elapsedMs: number };

/**
 * Throws away every derived row and derives each dossier again from its raw events (after a
 * calendar, procedure or rule change, or to check reproducibility). Workers of running API
 * processes may help with the queue; the per-dossier lock keeps the rollups exact either way.
 */
export async function rebuildDerived(
  db: Kysely<Database>,
  opts: { now?: () => number; log?: Logger; batchSize?: number; concurrency?: number; onProgress?: (p: RebuildProgress) => void } = {},
): Promise<RunTally & { total: number; elapsedMs: number }> {
  const now = opts.now ?? Date.now;
  const started = performance.now();
  if (isPostgres(db)) {
    // One statement, and it waits for derivations in flight in other processes to finish first.
    await sql`truncate table ${sql.join(DERIVED_TABLES.map((t) => sql.table(t)))}`.execute(db);
  } else {
    await db.transaction().execute(async (trx) => {
      for (const table of DERIVED_TABLES) await trx.deleteFrom(table).execute();
    });
  }
  const rows = await db
    .selectFrom('events')
    .select('dossier_code')
    .distinct()
    .where('dossier_code', 'is not', null)
    .where('kind', 'in', ['open', 'close', 'active', 'action'])
    .execute();
  const codes = rows.map((r) => r.dossier_code!).sort();
  for (let i = 0; i < codes.length; i += 5000) {
    await db.transaction().execute((trx) => enqueue(trx, codes.slice(i, i + 5000), now()));
  }
  const total = codes.length;
  opts.onProgress?.({ done: 0, total, elapsedMs: 0 });
  const tally = await drainQueue(db, {
    now,
    workerId: 'rebuild',
    batchSize: opts.batchSize ?? 100,
    // Round trips dominate on PostgreSQL: several connections derive side by side.
    concurrency: opts.concurrency ?? (isPostgres(db) ? 4 : 1),
    log: opts.log,
    // Counts this process's work; workers of running API processes may take some of the queue.
    onBatch: (t) => opts.onProgress?.({ done: t.derived + t.removed + t.failed, total, elapsedMs: performance.now() - started }),
  });
  const left = await queueLength(db);
  const elapsedMs = performance.now() - started;
  opts.onProgress?.({ done: total - left, total, elapsedMs });
  return { ...tally, total, elapsedMs };
}
