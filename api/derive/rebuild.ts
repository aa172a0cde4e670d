import { sql, type Kysely, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/tables.ts';
import { targetOf } from '../db/connect.ts';
import type { Logger } from '../http/logger.ts';
import type { RunTally } from './derive-runner.ts';
import { loadAllOfficials, type CodeRange } from './dossier-events.ts';
import { createPgWriter, createSqliteWriter, finishRollups, kyselyExec, pgExec, prepareStages } from './bulk-writer.ts';
import { runLane } from './rebuild-lane.ts';
import { takeRebuildLock } from './rebuild-lock.ts';
import { restoreIndexes, setIndexesAside } from './rebuild-indexes.ts';
import { isPostgres } from './dialect.ts';
import { unitOfDossier } from '../../shared/schemas/dossier.ts';
import { logOnlyDossiers } from '../reconcile/backoffice-log.repository.ts';
import { enqueue } from './queue.repository.ts';

export const DERIVED_TABLES = [
  'rollup_year_buckets',
  'rollup_years',
  'rollup_month_buckets',
  'rollup_months',
  'rollup_buckets',
  'rollups',
  'flags',
  'segments',
  'dossiers',
  'derive_queue',
] as const;

export type RebuildProgress = { done: number; total: number; elapsedMs: number };
export type RebuildOptions = {
  now?: () => number;
  log?: Logger;
  /** Parallel lanes on PostgreSQL, each over its own share of the dossier codes (default 2). */
  lanes?: number;
  onProgress?: (p: RebuildProgress) => void;
};
export type RebuildResult = RunTally & {
  total: number;
  elapsedMs: number /** Milliseconds per step, for logs and the benchmark. */;
  phases: Record<string, number>;
};

type Executor = Kysely<Database> | Transaction<Database>;

/**
 * Throws away every derived row and derives each dossier again from its raw events (after a
 * calendar, procedure or rule change, or to check reproducibility), in bulk: events are read in
 * code order a page at a time, derived in memory by the same computation incremental derivation
 * uses, and the rows written in bulk (COPY on PostgreSQL, in parallel lanes by code range;
 * multi-row inserts in one transaction on SQLite). Monthly and yearly rollups are summed from
 * the daily ones at the end.
 *
 * Ingest goes on meanwhile. On PostgreSQL incremental derivation waits for the rebuild's lock;
 * events that arrive during the rebuild keep their queue marks and are derived incrementally
 * right after it, on top of the rebuilt rows.
 */
export async function rebuildDerived(db: Kysely<Database>, opts: RebuildOptions = {}): Promise<RebuildResult> {
  const now = (opts.now ?? Date.now)();
  const started = performance.now();
  const phases: Record<string, number> = {};
  let mark = started;
  const phase = (name: string) => {
    const t = performance.now();
    phases[name] = (phases[name] ?? 0) + (t - mark);
    mark = t;
  };
  let estimate = 0;
  let done = 0;
  let events = 0;
  const progress = () => opts.onProgress?.({ done, total: Math.max(done, estimate), elapsedMs: performance.now() - started });
  const lane = {
    now,
    onPage: (dossiers: number, n: number) => {
      done += dossiers;
      events += n;
      progress();
    },
  };

  if (isPostgres(db)) {
    const target = targetOf(db);
    if (target?.kind !== 'postgres')
      throw new Error('rebuildDerived on PostgreSQL needs a database opened by openStorage (its lanes open their own connections)');
    const lanes = Math.max(1, opts.lanes ?? 2);
    const main = new pg.Client({ connectionString: target.url });
    await main.connect();
    const clients: pg.Client[] = [];
    try {
      const release = await takeRebuildLock(main);
      try {
        phase('lock');
        await main.query(`truncate table ${DERIVED_TABLES.join(', ')}`);
        await setIndexesAside(
          main,
          DERIVED_TABLES.filter((t) => t !== 'derive_queue'),
          now,
        );
        await prepareStages(pgExec(main), 'postgres');
        phase('empty');
        const officials = await loadAllOfficials(db);
        const { ranges, eventsEstimate, dossiers } = await codeRanges(db, lanes * 4);
        phase('plan');
        estimate = dossiers ?? 0;
        opts.log?.info('rebuild: started', { lanes, ranges: ranges.length });
        for (let i = 0; i < lanes; i++) {
          const c = new pg.Client({ connectionString: target.url });
          clients.push(c);
          await c.connect();
        }
        let next = 0;
        const take = () => ranges[next++] ?? null;
        const claims = new Set<string>();
        const writers = await Promise.all(clients.map(createPgWriter));
        await Promise.all(
          writers.map((writer) =>
            runLane(db, writer, take, {
              ...lane,
              officials,
              claims,
              onPage: (d, n) => {
                if (dossiers === null && events + n > 0) estimate = Math.round((eventsEstimate * (done + d)) / (events + n));
                lane.onPage(d, n);
              },
            }),
          ),
        );
        phase('derive');
        await main.query(`set work_mem = '256MB'`);
        await finishRollups(pgExec(main));
        phase('rollups');
      } finally {
        // Also after a failure: the tables must not stay without their indexes.
        try {
          await restoreIndexes(main);
          phase('indexes');
        } finally {
          await release();
        }
      }
    } finally {
      await Promise.all([main, ...clients].map((c) => c.end().catch(() => undefined)));
    }
  } else {
    // One transaction: SQLite has one writer at a time anyway, and nobody sees half a rebuild.
    await db.transaction().execute(async (trx) => {
      for (const table of DERIVED_TABLES) await trx.deleteFrom(table).execute();
      const officials = await loadAllOfficials(trx);
      estimate = await countDossiers(trx);
      progress();
      await prepareStages(kyselyExec(trx), 'sqlite');
      phase('empty');
      await runLane(trx, createSqliteWriter(trx), once({ from: '', before: null }), { ...lane, officials, claims: new Set() });
      phase('derive');
      await finishRollups(kyselyExec(trx));
      phase('rollups');
    });
  }
  // Dossiers only the back-office's imported log knows have no events for the walk above: they are
  // queued, and the next derivation pass builds them from the log as it did after the import.
  await enqueue(db, await logOnlyDossiers(db), now);
  estimate = done;
  progress();
  return { derived: done, removed: 0, failed: 0, total: done, elapsedMs: performance.now() - started, phases };
}

const once = (range: CodeRange) => {
  let given = false;
  return () => (given ? null : ((given = true), range));
};

async function countDossiers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.count<number>('dossier_code').distinct().as('n'))
    .where('dossier_code', 'is not', null)
    .where('kind', 'in', ['open', 'close', 'active', 'action'])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * About `parts` ranges of dossier codes holding similar numbers of events, cut at codes sampled
 * from the events (exact on a small table). Ranges are taken by lanes as they free up.
 */
async function codeRanges(
  db: Kysely<Database>,
  parts: number,
): Promise<{ ranges: CodeRange[]; eventsEstimate: number; dossiers: number | null }> {
  const stats = await sql<{ n: number }>`select reltuples::bigint as n from pg_class where oid = to_regclass('events')`.execute(db);
  const estimated = Number(stats.rows[0]?.n ?? -1);
  let codes: string[];
  let dossiers: number | null = null;
  if (estimated < 200_000) {
    codes = (
      await db
        .selectFrom('events')
        .select('dossier_code')
        .distinct()
        .where('dossier_code', 'is not', null)
        .where('kind', 'in', ['open', 'close', 'active', 'action'])
        .orderBy('dossier_code')
        .execute()
    ).map((r) => r.dossier_code!);
    dossiers = codes.length;
  } else {
    const percent = Math.min(100, (100 * 20_000) / estimated);
    const sample = await sql<{
      c: string;
    }>`select dossier_code as c from events tablesample system (${sql.lit(percent)}) where dossier_code is not null order by dossier_code`.execute(
      db,
    );
    codes = sample.rows.map((r) => r.c);
  }
  // Cut where a unit's codes begin (`unit-`), so each unit's dossiers fall to one lane whole.
  const cuts: string[] = [];
  for (let i = 1; i < parts; i++) {
    const code = codes[Math.floor((i * codes.length) / parts)];
    const cut = code === undefined ? undefined : `${unitOfDossier(code)}-`;
    if (cut !== undefined && cut !== cuts.at(-1) && cut > (cuts.at(-1) ?? '') && codes[0]! < cut) cuts.push(cut);
  }
  const ranges: CodeRange[] = [];
  let from = '';
  for (const cut of cuts) {
    ranges.push({ from, before: cut });
    from = cut;
  }
  ranges.push({ from, before: null });
  return { ranges, eventsEstimate: Math.max(0, estimated), dossiers };
}
