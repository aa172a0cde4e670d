import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage, type DatabaseTarget } from '../../../api/db/connect.ts';
import { storeEventBatch } from '../../../api/ingest/write-queue.ts';
import { toEventRow } from '../../../api/ingest/event-row.ts';
import { generateIntegrityKey } from '../../../api/integrity/signing-key.ts';
import { queueLength } from '../../../api/derive/index.ts';
import { percentile, pool, sleep } from '../support/measure.ts';
import { createPrng } from '../support/prng.ts';
import type { Report } from '../support/report.ts';
import { scratchDatabase } from '../support/pg-database.ts';
import { seedOfficials, BENCH_UNIT, type SeededOfficial } from '../support/seed-officials.ts';
import { startApiProcess, startChild } from '../support/api-process.ts';
import { BATCH_SIZE, batchesOf, bodyOf, capture, type Batch } from './payloads.ts';
import { judge } from '../targets.ts';

type Phase = { events: number; wallMs: number; latencies: number[]; retries: number; problems: string[] };
type Client = { official: SeededOfficial; batches: Batch[] };
type Place = { target: DatabaseTarget; env: Record<string, string>; drop(): Promise<void> };

/** Every client sends its own batches one after another; all clients run at once. */
async function drive(clients: Client[], send: (c: Client, b: Batch) => Promise<number | string>): Promise<Phase> {
  const phase: Phase = { events: 0, wallMs: 0, latencies: [], retries: 0, problems: [] };
  const t0 = performance.now();
  await pool(clients, clients.length, async (c) => {
    for (const b of c.batches) {
      const s = performance.now();
      for (;;) {
        const r = await send(c, b);
        if (typeof r === 'number' && r < 0) {
          phase.retries++;
          await sleep(-r);
          continue;
        }
        if (typeof r === 'string') phase.problems.push(r);
        else phase.events += r;
        break;
      }
      phase.latencies.push(performance.now() - s);
    }
  });
  phase.wallMs = performance.now() - t0;
  return phase;
}

type Answer = { status: number; retryAfter: string | null; text: string };
const agents = new WeakMap<object, Agent>();

/**
 * Each clerk's extension sends from its own browser, over its own connection: every client here
 * has its own keep-alive socket. (Through one shared pool, as a single fetch() client has, a
 * client's next batch could take the socket another client's batch was waiting for, and the
 * tail measured was the pool's.)
 */
function post(client: object, url: string, body: string, token?: string, retried = false): Promise<Answer> {
  let agent = agents.get(client);
  if (!agent) agents.set(client, (agent = new Agent({ keepAlive: true, maxSockets: 1 })));
  return new Promise<Answer>((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, retryAfter: (res.headers['retry-after'] as string | undefined) ?? null, text }),
        );
        res.on('error', reject);
      },
    );
    // A kept-alive socket the server closed as the request went out: sent again once on a new
    // one (Node's documented pattern; event ids make a resend harmless).
    req.on('error', (e: NodeJS.ErrnoException) =>
      req.reusedSocket && e.code === 'ECONNRESET' && !retried ? post(client, url, body, token, true).then(resolve, reject) : reject(e),
    );
    req.end(body);
  });
}

const ingest = (url: string) => async (c: Client, b: Batch) => {
  const res = await post(c, `${url}/v1/events`, bodyOf(b), c.official.token);
  if (res.status === 429) return -1000 * Number(res.retryAfter ?? 1);
  if (res.status !== 200) return `api ${res.status} ${res.text.slice(0, 200)}`;
  const body = JSON.parse(res.text) as { accepted: number; rejected: number };
  return body.rejected ? `api rejected ${body.rejected} events` : body.accepted;
};

/** An empty database of the kind under test, with the clients' officials signed in. */
async function place(kind: 'sqlite' | 'postgres', payloads: Batch[][]): Promise<Place & { clients: Client[] }> {
  let p: Place;
  if (kind === 'postgres') {
    const db = await scratchDatabase('dp_bench_ingest');
    p = { target: { kind, url: db.url }, env: { DATABASE_URL: db.url }, drop: db.drop };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'dp-bench-ingest-'));
    const path = join(dir, 'ingest.sqlite');
    p = {
      target: { kind, path },
      env: { SQLITE_PATH: path, DATABASE_URL: '' },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const storage = await openStorage(p.target);
  const officials = await seedOfficials(storage.db, payloads.length, 'bench-');
  await storage.close();
  return { ...p, clients: officials.map((official, i) => ({ official, batches: payloads[i]! })) };
}

/**
 * Ingest on one kind of database, each phase on a fresh, empty one so none pays for another's
 * rows, all with the very same batches: the storage limit (storeEventBatch, the route's storage call, called directly with the
 * rows the route would build, same concurrency), the HTTP limit (a no-op Hono route on
 * @hono/node-server in its own process), the real API (`node api/server.ts`), and the API
 * without its derivation worker (to tell the worker's share from HTTP and validation).
 */
async function benchOne(kind: 'sqlite' | 'postgres', report: Report, opts: { clients: number; batches: number; log: (s: string) => void }) {
  const rng = createPrng(kind === 'sqlite' ? 11 : 12);
  // Each clerk's batches touch the 40 dossiers of their own queue, as real pages do.
  const queue = (i: number) => Array.from({ length: 40 }, (_, k) => `${BENCH_UNIT}-251120-${String(1 + i * 40 + k).padStart(4, '0')}`);
  const payloads = Array.from({ length: opts.clients }, (_, i) =>
    batchesOf(capture(rng.fork(i), BENCH_UNIT, opts.batches * BATCH_SIZE, Date.now(), queue(i))),
  );
  const phase = async (name: string, run: (p: Place & { clients: Client[] }) => Promise<Phase>, after?: (p: Place) => Promise<void>) => {
    opts.log(`ingest ${kind}: ${name}`);
    const p = await place(kind, payloads);
    try {
      const result = await run(p);
      await after?.(p);
      return result;
    } finally {
      await p.drop();
    }
  };

  const storageLimit = await phase('storage limit', async (p) => {
    const storage = await openStorage(p.target);
    const key = generateIntegrityKey();
    try {
      return await drive(p.clients, async (c, b) => {
        const out = await storeEventBatch(
          storage.db,
          kind,
          key,
          c.official,
          b.events.map((e) => toEventRow(e, c.official, Date.now(), 0)),
          Date.now(),
        );
        return out.filter((o) => o === 'accepted').length;
      });
    } finally {
      await storage.close();
    }
  });
  const httpLimit = await phase('HTTP limit (no-op route)', async (p) => {
    const noop = await startChild('tests/bench/ingest/noop-server.ts', {});
    const r = await drive(p.clients, async (c, b) => {
      const res = await post(c, `${noop.url}/v1/events`, bodyOf(b));
      return res.status === 200 ? b.events.length : `no-op ${res.status}`;
    });
    await noop.kill();
    return r;
  });
  let backlog = 0;
  const real = await phase(
    'API over HTTP',
    async (p) => {
      const api = await startApiProcess(kind === 'postgres' ? { databaseUrl: p.env.DATABASE_URL } : { sqlitePath: p.env.SQLITE_PATH });
      const r = await drive(p.clients, ingest(api.url));
      await api.kill();
      return r;
    },
    async (p) => {
      const s = await openStorage(p.target);
      backlog = await queueLength(s.db);
      await s.close();
    },
  );
  const noWorker = await phase('API without its derivation worker (diagnostic)', async (p) => {
    const api = await startChild('tests/bench/ingest/api-without-derive.ts', p.env);
    const r = await drive(p.clients, ingest(api.url));
    await api.kill();
    return r;
  });

  const sent = opts.clients * opts.batches * BATCH_SIZE;
  const rate = (p: Phase) => (p.events / p.wallMs) * 1000;
  const label = `${kind} (${opts.clients} clients × ${opts.batches} batches of ${BATCH_SIZE})`;
  const phases = [
    ["storage limit (the route's storage call, direct)", storageLimit],
    ['HTTP limit (no-op Hono route)', httpLimit],
    ['API POST /v1/events', real],
    ['API without derivation worker (diagnostic)', noWorker],
  ] as const;
  const tail = (p: Phase) => percentile(p.latencies, 0.99) / percentile(p.latencies, 0.5);
  for (const [name, p] of phases) {
    report.add({ section: 'ingest', name: `${label}: ${name} events/s`, value: rate(p), unit: 'ev/s' });
    report.add({
      section: 'ingest',
      name: `${label}: ${name} batch p50 / p99 (p99 ÷ p50)`,
      value: `${percentile(p.latencies, 0.5).toFixed(0)} / ${percentile(p.latencies, 0.99).toFixed(0)} ms (${tail(p).toFixed(1)}×)`,
    });
  }
  const share = rate(real) / rate(storageLimit);
  judge(report, kind === 'sqlite' ? 'ingest-sqlite-share' : 'ingest-postgres-share', {
    section: 'ingest',
    name: `${label}: API ÷ storage limit`,
    value: share * 100,
    unit: '%',
    note: `${Math.round(rate(real)).toLocaleString('en-US')} ev/s`,
  });
  // The tail target is SQLite's (its one writer); PostgreSQL's ratio is shown beside it.
  if (kind === 'sqlite')
    judge(report, 'ingest-tail', { section: 'ingest', name: `${label}: API batch p99 ÷ p50`, value: tail(real), unit: '×' });
  else report.add({ section: 'ingest', name: `${label}: API batch p99 ÷ p50`, value: tail(real), unit: '×', headline: true });
  report.add({ section: 'ingest', name: `${label}: API ÷ HTTP limit`, value: `${((rate(real) / rate(httpLimit)) * 100).toFixed(0)} %` });
  report.add({
    section: 'ingest',
    name: `${label}: API without derivation worker ÷ storage limit`,
    value: `${((rate(noWorker) / rate(storageLimit)) * 100).toFixed(0)} %`,
  });
  const lost = [storageLimit, real, noWorker].filter((p) => p.events !== sent).length;
  const problems = [...storageLimit.problems, ...real.problems, ...noWorker.problems];
  report.add({
    section: 'ingest',
    name: `${label}: every event accepted once`,
    value: lost ? `${real.events} of ${sent}` : 'yes',
    target: 'yes',
    met: lost === 0 && problems.length === 0,
  });
  report.add({ section: 'ingest', name: `${label}: derivation backlog when ingest ended (dossiers waiting)`, value: backlog });
  if (real.retries) report.note(`ingest ${kind}: ${real.retries} batches were rate-limited (429) and resent`);
  for (const p of problems.slice(0, 5)) report.note(`ingest ${kind}: ${p}`);
}

export async function runIngestBench(
  report: Report,
  opts: { clients: number; batches: number; postgres: boolean; log: (s: string) => void },
) {
  await benchOne('sqlite', report, opts);
  if (opts.postgres) await benchOne('postgres', report, opts);
  else report.note('ingest on PostgreSQL skipped: PostgreSQL not reachable');
}
