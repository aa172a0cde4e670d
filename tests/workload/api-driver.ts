/**
 * Drives the real API in-process (Hono's app.request over a real database) with a clock the
 * workload controls: every batch arrives at its own receipt instant, derivation runs "as of" a
 * chosen instant. The world is created through the admin API, as an administrator would.
 */
import { deriveNow } from '../../api/derive/index.ts';
import type { DatabaseTarget } from '../../api/db/connect.ts';
import { createTestApi } from '../support/test-api.ts';
import { DEMO_PASSWORD } from '../../shared/demo/roster.ts';
import type { Batch } from './delivery.ts';
import type { World } from './world.ts';

export interface IngestTally {
  batches: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  /** Every event the API refused, with its reason. */
  rejections: { id: string | null; reason: string }[];
  /** Batches whose reported skewMs differs from what the clock model says it must be. */
  skewMismatches: { official: string; expected: number; actual: number }[];
  failures: string[];
  ms: number;
}

export type Driver = Awaited<ReturnType<typeof startDriver>>;

export async function startDriver(target: DatabaseTarget, world: World, initialNow: number, opts: { env?: Record<string, string> } = {}) {
  const clock = { now: initialNow };
  const api = await createTestApi(target, { now: () => clock.now, ...(opts.env ? { env: opts.env } : {}) });
  const tokens = new Map<string, string>();
  const generated = new Set(world.officials.filter((o) => o.generated).map((o) => o.username));

  async function token(username: string): Promise<string> {
    let t = tokens.get(username);
    if (t) return t;
    // Demo accounts (the administrator among them) sign in with the demo password.
    const password = generated.has(username) ? world.password : DEMO_PASSWORD;
    const res = await api.app.request('/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    t = ((await res.json()) as { token: string }).token;
    tokens.set(username, t);
    return t;
  }

  /**
   * The workload's clock runs over months while sessions have an absolute lifetime: a session the
   * API ended is signed in again once, as the extension and the dashboard do.
   */
  async function request(username: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
    const send = async () => {
      const headers: Record<string, string> = { authorization: `Bearer ${await token(username)}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await api.app.request(path, {
        method: body === undefined ? 'GET' : 'POST',
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: await res.json() };
    };
    const first = await send();
    if (first.status !== 401 || first.json?.error?.code !== 'session_expired') return first;
    tokens.delete(username);
    return send();
  }

  /** GET as the administrator; anything but 200 is a test failure with the API's message. */
  async function get(path: string): Promise<any> {
    const res = await request('admin', path);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json;
  }

  async function setupWorld(): Promise<void> {
    const must = async (path: string, body: unknown) => {
      const res = await request('admin', path, body);
      if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.json)}`);
    };
    for (const u of world.units.filter((x) => x.generated))
      await must('/v1/admin/units', { id: u.id, name: u.name, parentId: world.rootUnitId });
    for (const o of world.officials.filter((x) => x.generated)) {
      await must('/v1/admin/officials', {
        username: o.username,
        displayName: o.displayName,
        unitId: o.unitId,
        role: 'clerk',
        password: world.password,
        backofficeAccount: o.username,
      });
    }
    for (const p of world.procedures.filter((x) => x.generated)) {
      await must('/v1/admin/procedures', {
        code: p.code,
        name: p.name,
        unitId: world.rootUnitId,
        totalAmount: p.totalDays,
        timeType: p.timeType,
        steps: p.steps,
      });
    }
  }

  /** username ↔ API id, from the admin directory. */
  async function directory(): Promise<{ idOf: Map<string, string>; nameOf: Map<string, string> }> {
    const { officials } = (await get('/v1/admin/officials')) as { officials: { id: string; username: string }[] };
    return { idOf: new Map(officials.map((o) => [o.username, o.id])), nameOf: new Map(officials.map((o) => [o.id, o.username])) };
  }

  async function ingest(batches: readonly Batch[], tally?: IngestTally): Promise<IngestTally> {
    const t = tally ?? { batches: 0, accepted: 0, duplicate: 0, rejected: 0, rejections: [], skewMismatches: [], failures: [], ms: 0 };
    const started = performance.now();
    for (const b of batches) {
      clock.now = b.receipt;
      const res = await request(b.official, '/v1/events', b.body);
      t.batches += 1;
      if (res.status !== 200) {
        t.failures.push(`${b.official} at ${new Date(b.receipt).toISOString()}: ${res.status} ${JSON.stringify(res.json).slice(0, 300)}`);
        continue;
      }
      t.accepted += res.json.accepted;
      t.duplicate += res.json.duplicate;
      t.rejected += res.json.rejected;
      for (const r of res.json.results as { id: string | null; status: string; reason?: string }[]) {
        if (r.status === 'rejected') t.rejections.push({ id: r.id, reason: r.reason ?? '' });
      }
      if (res.json.skewMs !== b.expectedSkewMs)
        t.skewMismatches.push({ official: b.official, expected: b.expectedSkewMs, actual: res.json.skewMs });
    }
    t.ms += performance.now() - started;
    return t;
  }

  /** Drains the derivation queue as of `at` (or derives the given dossiers), as the API's worker would. */
  async function derive(at: number, codes?: readonly string[]) {
    clock.now = at;
    const started = performance.now();
    const tally = await deriveNow(api.services.db, codes, { now: at });
    return { ...tally, ms: performance.now() - started };
  }

  return { api, clock, db: api.services.db, get, request, setupWorld, directory, ingest, derive, close: () => api.close() };
}
