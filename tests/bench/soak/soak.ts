import { openStorage } from '../../../api/db/connect.ts';
import { queueLength } from '../../../api/derive/index.ts';
import { startApiProcess } from '../support/api-process.ts';
import { connectHeapProbe } from './heap-probe.ts';
import { sleep } from '../support/measure.ts';
import { createOutboxClient, type OutboxClient } from '../support/outbox-client.ts';
import { scratchDatabase } from '../support/pg-database.ts';
import { createPrng, type Prng } from '../support/prng.ts';
import type { Report } from '../support/report.ts';
import { BENCH_UNIT, seedOfficials } from '../support/seed-officials.ts';
import { capture } from '../ingest/payloads.ts';

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const MB = 2 ** 20;

/** Bytes per millisecond of a least-squares line through the samples. */
function slope(samples: readonly { at: number; bytes: number }[]): number {
  const mx = mean(samples.map((s) => s.at));
  const my = mean(samples.map((s) => s.bytes));
  const num = samples.reduce((a, s) => a + (s.at - mx) * (s.bytes - my), 0);
  const den = samples.reduce((a, s) => a + (s.at - mx) ** 2, 0);
  return den ? num / den : 0;
}

/**
 * One clerk of the soak's load until `done()`: every 4–6 s the pages have produced 1–20 events
 * over the 30 dossiers of the clerk's queue, and the outbox sends them (resending until
 * acknowledged). The freshness benchmark runs the same load.
 */
export async function clerkAtWork(client: OutboxClient, r: Prng, i: number, done: () => boolean, afterRound?: () => void): Promise<void> {
  const codes = Array.from(
    { length: 30 },
    (_, k) => `${BENCH_UNIT}-2511${String(1 + (k % 28)).padStart(2, '0')}-${String(1000 + i * 30 + k).padStart(4, '0')}`,
  );
  await sleep(r.int(0, 5000));
  while (!done()) {
    client.add(capture(r, BENCH_UNIT, r.int(1, 20), Date.now(), codes));
    await client.drain(Date.now() + 10_000);
    afterRound?.();
    await sleep(r.int(4000, 6000));
  }
  await client.drain(Date.now() + 60_000);
}

/**
 * Clerks at work for `minutes`: each keeps an outbox and flushes every 4–6 s what the pages
 * produced meanwhile (1–20 events over the 30 dossiers of their queue). The API runs in its own
 * process on PostgreSQL, with its background derivation, and its resident memory is sampled
 * every 2 s and its heap after a full GC every 20 s (through the inspector): what it keeps alive
 * must stay flat while every request succeeds.
 */
export async function runSoak(report: Report, opts: { minutes: number; clerks: number; log: (s: string) => void }): Promise<void> {
  const database = await scratchDatabase('dp_bench_soak');
  let api: Awaited<ReturnType<typeof startApiProcess>> | null = null;
  try {
    const storage = await openStorage({ kind: 'postgres', url: database.url });
    const officials = await seedOfficials(storage.db, opts.clerks, 'soak-');
    api = await startApiProcess({ databaseUrl: database.url }, { nodeFlags: ['--inspect=127.0.0.1:0'] });
    const probe = await connectHeapProbe(api.output);
    const heap: { at: number; bytes: number }[] = [];
    const heapSampler = setInterval(
      () =>
        void probe.usedAfterGc().then(
          (bytes) => heap.push({ at: Date.now(), bytes }),
          () => undefined,
        ),
      20_000,
    );
    const rng = createPrng(4242);
    const deadline = Date.now() + opts.minutes * 60_000;
    const rss: { at: number; bytes: number }[] = [];
    const backlog: number[] = [];
    const sampler = setInterval(() => {
      const b = api?.rss();
      if (b) rss.push({ at: Date.now(), bytes: b });
    }, 2000);
    const queueSampler = setInterval(
      () =>
        void queueLength(storage.db).then(
          (n) => backlog.push(n),
          () => undefined,
        ),
      30_000,
    );
    opts.log(`soak: ${opts.clerks} clerks for ${opts.minutes} min against the API on PostgreSQL (pid ${api.pid})`);
    const clients: OutboxClient[] = [];
    let lastLog = Date.now();
    await Promise.all(
      officials.map(async (o, i) => {
        const client = createOutboxClient({ baseUrl: () => api!.url, token: o.token, maxBatch: 500 });
        clients.push(client);
        await clerkAtWork(
          client,
          rng.fork(i),
          i,
          () => Date.now() >= deadline,
          () => {
            if (i === 0 && Date.now() - lastLog > 60_000) {
              lastLog = Date.now();
              opts.log(
                `  soak: ${Math.round((deadline - Date.now()) / 1000)} s left, API RSS ${((rss.at(-1)?.bytes ?? 0) / MB).toFixed(0)} MB`,
              );
            }
          },
        );
      }),
    );
    clearInterval(sampler);
    clearInterval(queueSampler);
    clearInterval(heapSampler);
    probe.close();

    const acked = clients.reduce((n, c) => n + c.acknowledged.size, 0);
    const stored = Number(
      (
        await storage.db
          .selectFrom('events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const statuses = new Map<string, number>();
    for (const c of clients) for (const [k, n] of c.statuses) statuses.set(k, (statuses.get(k) ?? 0) + n);
    const errors =
      [...statuses].filter(([k]) => k !== '200').reduce((n, [, v]) => n + v, 0) +
      clients.reduce((n, c) => n + c.rejected.length + c.pending(), 0);
    // The first minute (at most a fifth of the run) is start-up: JIT, pools and caches filling.
    const warmUntil = (samples: { at: number }[]) => (samples[0] ? samples[0].at + Math.min(60_000, (opts.minutes * 60_000) / 5) : 0);
    const quartiles = (samples: { at: number; bytes: number }[]) => {
      const steady = samples.filter((s) => s.at >= warmUntil(samples));
      const q = Math.max(1, Math.floor(steady.length / 4));
      return {
        steady,
        first: mean(steady.slice(0, q).map((s) => s.bytes)),
        last: mean(steady.slice(steady.length - q).map((s) => s.bytes)),
      };
    };
    const { steady, first, last } = quartiles(rss);
    const live = quartiles(heap);
    const waiting = await queueLength(storage.db);
    await storage.close();

    report.add({ section: 'soak', name: `${opts.clerks} clerks × ${opts.minutes} min: requests`, value: statuses.get('200') ?? 0 });
    report.add({
      section: 'soak',
      name: 'events acknowledged / stored',
      value: `${acked.toLocaleString('en-US')} / ${stored.toLocaleString('en-US')}`,
      target: 'equal',
      met: acked === stored,
    });
    report.add({
      section: 'soak',
      name: 'errors (failed requests, rejected or unsent events)',
      value: errors,
      target: '0',
      met: errors === 0,
      note: [...statuses].map(([k, v]) => `${k}: ${v}`).join(', '),
    });
    // What must stay flat is what the API keeps alive: its heap after a full collection. RSS is
    // reported beside it, as V8 grows its heap lazily under a steady allocation rate.
    report.add({
      section: 'soak',
      name: 'API heap after a full GC, first vs last quartile',
      value: `${(live.first / MB).toFixed(1)} → ${(live.last / MB).toFixed(1)} MB`,
      note: `sampled every 20 s through the inspector (${heap.length} samples)`,
    });
    report.add({
      section: 'soak',
      name: 'API heap after a full GC, growth',
      value: `${(((live.last - live.first) / live.first) * 100).toFixed(1)} %`,
      target: 'flat (< 10 %)',
      met: heap.length >= 8 && (live.last - live.first) / live.first < 0.1,
    });
    report.add({
      section: 'soak',
      name: 'API heap after a full GC, trend after warm-up (least squares)',
      value: (slope(live.steady) * 60_000) / MB,
      unit: 'MB/min',
    });
    report.add({ section: 'soak', name: 'API RSS, mean of first quartile (after warm-up)', value: first / MB, unit: 'MB' });
    report.add({ section: 'soak', name: 'API RSS, mean of last quartile', value: last / MB, unit: 'MB' });
    report.add({
      section: 'soak',
      name: 'API RSS growth, last vs first quartile',
      value: `${(((last - first) / first) * 100).toFixed(1)} %`,
    });
    report.add({ section: 'soak', name: 'API RSS peak', value: Math.max(...rss.map((s) => s.bytes)) / MB, unit: 'MB' });
    report.add({
      section: 'soak',
      name: 'API RSS trend after warm-up (least squares)',
      value: (slope(steady) * 60_000) / MB,
      unit: 'MB/min',
    });
    report.add({
      section: 'soak',
      name: 'derivation backlog during the run, max (dossiers waiting)',
      value: Math.max(0, ...backlog),
      note: `every 30 s: ${backlog.join(' → ')}`,
    });
    report.add({ section: 'soak', name: 'derivation backlog when the clerks stopped', value: waiting });
    if (rss.length < 8) report.note('soak: too few RSS samples (is /proc readable?)');
    if (heap.length < 8) report.note('soak: too few heap samples (run at least 4 minutes)');
  } finally {
    await api?.kill('SIGTERM');
    await database.drop();
  }
}
