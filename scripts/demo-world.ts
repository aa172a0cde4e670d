/**
 * The demo's one world (`npm start`): the simulated back-office is seeded first, and the API's
 * history is made from the back-office's own dossiers and handling (scripts/demo-events.ts), sent
 * through the real ingest and derivation with a clock that replays each batch at its own moment.
 * While the demo runs, every move the back-office's workday simulation makes is sent to the API
 * as the acting official's extension would send it, so the two stay in step.
 */
import { existsSync, rmSync } from 'node:fs';
import type { Config } from '../api/config.ts';
import { createApp } from '../api/app.ts';
import { createServices } from '../api/services.ts';
import { seedDemo } from '../api/seed/demo.ts';
import { deriveNow } from '../api/derive/index.ts';
import { startApi, type RunningApi } from '../api/server.ts';
import { DEMO_PASSWORD } from '../shared/demo/roster.ts';
import { startBackoffice, type RunningBackoffice } from '../tests/backoffice/server.ts';
import type { Dossier, TruthAction } from '../tests/backoffice/model.ts';
import { demoBatches, eventsForAction } from './demo-events.ts';

export interface DemoSeedResult {
  dossiers: number;
  events: number;
  rejected: number;
}

async function login(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  username: string,
): Promise<string> {
  const res = await app.request('/v1/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** The API's history from the back-office's dossiers, on a database without events; null when it has some. */
export async function seedDemoWorld(config: Config, dossiers: readonly Dossier[], now: number): Promise<DemoSeedResult | null> {
  const batches = demoBatches(dossiers, now);
  const clock = { now: batches[0]?.receipt ?? now };
  const services = await createServices(config, { now: () => clock.now });
  try {
    const any = await services.db.selectFrom('events').select('id').limit(1).executeTakeFirst();
    if (any) return null;
    await seedDemo(services.db);
    const app = createApp(services);
    const tokens = new Map<string, string>();
    let events = 0;
    let rejected = 0;
    for (const b of batches) {
      clock.now = b.receipt;
      const send = async (fresh: boolean) => {
        let token = fresh ? undefined : tokens.get(b.official);
        if (!token) tokens.set(b.official, (token = await login(app, b.official)));
        return app.request('/v1/events', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(b.body),
        });
      };
      // The replayed clock runs over weeks: a session left idle that long has ended, as it would.
      let res = await send(false);
      if (res.status === 401) res = await send(true);
      if (res.status !== 200) throw new Error(`events from ${b.official}: ${res.status} ${(await res.text()).slice(0, 300)}`);
      const json = (await res.json()) as { accepted: number; rejected: number };
      events += json.accepted;
      rejected += json.rejected;
    }
    clock.now = now;
    await deriveNow(services.db, undefined, { now });
    return { dossiers: dossiers.filter((d) => d.history.length > 0).length, events, rejected };
  } finally {
    await services.storage.close();
  }
}

/** Sends each workday move to the API as the acting official's extension would. */
function createWorkdayFeed(apiUrl: string, store: RunningBackoffice['world']['store']) {
  const tokens = new Map<string, Promise<string>>();
  let chain = Promise.resolve();
  const token = (username: string) => {
    let t = tokens.get(username);
    if (!t) {
      t = fetch(`${apiUrl}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      }).then(async (r) => ((await r.json()) as { token: string }).token);
      tokens.set(username, t);
      t.catch(() => tokens.delete(username));
    }
    return t;
  };
  return (t: TruthAction) => {
    const d = store.byCode.get(t.dossierCode);
    const h = d?.history.at(-1);
    if (!d || !h) return;
    // The actor's work on it starts after the move before (which may be a moment ago).
    const before = Date.parse(d.history.at(-2)?.at ?? d.submittedAt);
    const events = eventsForAction(d, h, Math.max(before, Date.parse(h.at) - 30 * 60_000)).map((e) => e.event);
    // One after another, so a dossier's events reach the API in the order they happened.
    chain = chain
      .then(async () => {
        await fetch(`${apiUrl}/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${await token(t.account)}`, 'content-type': 'application/json' },
          body: JSON.stringify({ sentAt: new Date().toISOString(), events }),
        });
      })
      .catch(() => undefined);
  };
}

export interface DemoOptions {
  config: Config;
  backofficePort?: number;
  /** Move dossiers now and then, as the officials' day goes on (default on). */
  workday?: boolean | { intervalMs?: number };
  /** Make the API's history from the back-office (default on; DEMO_HISTORY=0 turns it off). */
  history?: boolean;
  /**
   * The SQLite file the demo rebuilds at each start, so a restart never leaves the API with the
   * previous world's dossiers; only this exact file is removed, never one named by SQLITE_PATH.
   */
  rebuildSqlite?: string;
  log?: (line: string) => void;
}

export interface RunningDemo {
  api: RunningApi;
  backoffice: RunningBackoffice;
  seeded: DemoSeedResult | null;
  close(): Promise<void>;
}

export async function startDemo(opts: DemoOptions): Promise<RunningDemo> {
  const { config } = opts;
  const log = opts.log ?? (() => undefined);
  if (opts.rebuildSqlite && config.database.kind === 'sqlite' && config.database.path === opts.rebuildSqlite) {
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(opts.rebuildSqlite + suffix)) rmSync(opts.rebuildSqlite + suffix);
  }
  // The workday starts only once the API runs, so no move falls between the seed and the feed.
  const backoffice = await startBackoffice({ port: opts.backofficePort ?? 0, workday: false });
  let seeded: DemoSeedResult | null = null;
  if (opts.history !== false) {
    seeded = await seedDemoWorld(config, backoffice.world.store.dossiers, Date.now());
    if (!seeded)
      log(
        'Cơ sở dữ liệu đã có sự kiện: không tạo lại lịch sử demo / The database already has events: demo history not rebuilt (the back-office may not match it)',
      );
  }
  const api = await startApi(config);
  if (opts.workday !== false) {
    backoffice.workday.onAction(createWorkdayFeed(api.url, backoffice.world.store));
    backoffice.workday.start(typeof opts.workday === 'object' ? opts.workday.intervalMs : undefined);
  }
  return { api, backoffice, seeded, close: async () => void (await Promise.all([api.close(), backoffice.close()])) };
}
