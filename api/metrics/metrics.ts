import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';

/**
 * Prometheus metrics of one API process (prom-client): requests, ingest outcomes, and the
 * database-wide gauges an IT office watches (derivation backlog and lag, open flags, live
 * sessions). Every process reports the same database gauges; dashboards take their max.
 */
export type Metrics = {
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  countIngest(results: { accepted: number; duplicate: number; rejected: number }): void;
  /** The text exposition format, with the process's own runtime metrics. */
  scrape(): Promise<{ contentType: string; body: string }>;
};

const PREFIX = 'dossier_pulse_';
/** Database gauges are read at most this often, however many scrapers ask. */
const DB_GAUGE_TTL_MS = 5_000;

let processRegistry: Registry | null = null;
/** CPU, memory, event-loop lag, GC: once per process, shared by every app a test builds. */
function runtimeRegistry(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix: PREFIX });
  }
  return processRegistry;
}

type DbFigures = { queueDepth: number; oldestDirtyAt: number | null; flagsOpen: number; sessions: number };

export function createMetrics(db: Db, now: () => number): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Counter({
    name: `${PREFIX}http_requests_total`,
    help: 'HTTP requests answered, by route and status',
    labelNames: ['method', 'route', 'status'],
    registers,
  });
  const duration = new Histogram({
    name: `${PREFIX}http_request_duration_seconds`,
    help: 'Time to answer an HTTP request, by route',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const ingest = new Counter({
    name: `${PREFIX}ingest_events_total`,
    help: 'Events received by POST /v1/events, by outcome',
    labelNames: ['result'],
    registers,
  });
  for (const result of ['accepted', 'duplicate', 'rejected']) ingest.inc({ result }, 0);

  let cached: { at: number; figures: Promise<DbFigures> } | null = null;
  const figures = () => {
    const t = now();
    if (!cached || t - cached.at > DB_GAUGE_TTL_MS) cached = { at: t, figures: readFigures(db, t) };
    // A failed read is not kept: the next scrape asks the database again.
    cached.figures.catch(() => (cached = null));
    return cached.figures;
  };
  const gauge = (name: string, help: string, read: (f: DbFigures) => number) =>
    new Gauge({
      name: `${PREFIX}${name}`,
      help,
      registers,
      async collect() {
        this.set(read(await figures()));
      },
    });
  gauge('derive_queue_depth', 'Dossiers waiting to be derived', (f) => f.queueDepth);
  gauge('derive_queue_lag_seconds', 'Age of the oldest dossier waiting to be derived (0 when none waits)', (f) =>
    f.oldestDirtyAt === null ? 0 : Math.max(0, (now() - f.oldestDirtyAt) / 1000),
  );
  gauge('flags_open', 'Stall flags open now', (f) => f.flagsOpen);
  gauge('sessions_active', 'Sessions not yet expired (extension and dashboard)', (f) => f.sessions);

  return {
    observeRequest(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      duration.observe({ method, route }, seconds);
    },
    countIngest({ accepted, duplicate, rejected }) {
      ingest.inc({ result: 'accepted' }, accepted);
      ingest.inc({ result: 'duplicate' }, duplicate);
      ingest.inc({ result: 'rejected' }, rejected);
    },
    async scrape() {
      const merged = Registry.merge([runtimeRegistry(), registry]);
      return { contentType: merged.contentType, body: await merged.metrics() };
    },
  };
}

async function readFigures(db: Db, now: number): Promise<DbFigures> {
  const [queue, flags, sessions] = await Promise.all([
    db
      .selectFrom('derive_queue')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('dirty_at').as('oldest')])
      .executeTakeFirstOrThrow(),
    db.selectFrom('flags').select(sql<number>`count(*)`.as('n')).where('closed_at', 'is', null).executeTakeFirstOrThrow(),
    db.selectFrom('sessions').select(sql<number>`count(*)`.as('n')).where('expires_at', '>', now).executeTakeFirstOrThrow(),
  ]);
  return {
    queueDepth: Number(queue.n),
    oldestDirtyAt: queue.oldest === null ? null : Number(queue.oldest),
    flagsOpen: Number(flags.n),
    sessions: Number(sessions.n),
  };
}
