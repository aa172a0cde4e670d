import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { openStore } from './store.ts';
import { countQueued, enqueue } from './outbox.ts';
import { createFlusher } from './flusher.ts';
import type { SessionState } from './session.ts';
import type { CaptureEvent } from '../../shared/schemas/events.ts';

const session: SessionState = {
  serverUrl: 'http://api.test',
  token: 't',
  official: { id: 'o1', username: 'u', displayName: 'U', role: 'clerk', unitId: '000.00.12.H32', backofficeAccount: null },
};
const ev = (): CaptureEvent => ({
  id: crypto.randomUUID(),
  kind: 'close',
  at: new Date().toISOString(),
  dossierCode: '000.00.12.H32-251120-0007',
  profile: { id: 'p', version: 1 },
});

/** A stand-in server: answers each batch with per-event results, remembering what it stored. */
function fakeServer(opts: { maxEvents?: number; down?: () => boolean; status?: () => number } = {}) {
  const stored = new Set<string>();
  const batches: number[] = [];
  const fetch = vi.fn(async (_url: URL, init: RequestInit) => {
    if (opts.down?.()) throw new TypeError('fetch failed');
    const status = opts.status?.() ?? 200;
    if (status !== 200) return new Response(JSON.stringify({ error: { code: 'x', message: 'nope' } }), { status });
    const body = JSON.parse(String(init.body)) as { sentAt: string; events: CaptureEvent[] };
    expect(Date.parse(body.sentAt)).not.toBeNaN();
    if (opts.maxEvents && body.events.length > opts.maxEvents) return new Response('{}', { status: 413 });
    batches.push(body.events.length);
    const results = body.events.map((e, index) => {
      const dup = stored.has(e.id);
      stored.add(e.id);
      return { id: e.id, index, status: dup ? 'duplicate' : 'accepted' };
    });
    return new Response(JSON.stringify({ results }), { status: 200 });
  });
  return { fetch, stored, batches };
}

afterEach(() => vi.unstubAllGlobals());

describe('flusher', () => {
  test('keeps events while the server is down and delivers them once it is back', async () => {
    const store = await openStore(`f-${crypto.randomUUID()}`);
    let down = true;
    const server = fakeServer({ down: () => down });
    vi.stubGlobal('fetch', server.fetch);
    const flusher = createFlusher({ store, session: async () => session, onUnauthorized: async () => {} });
    const events = Array.from({ length: 30 }, ev);
    await enqueue(store, 'o1', events, Date.now());
    await flusher.flush();
    expect(await countQueued(store)).toBe(30);
    expect(flusher.status.lastError).toMatch(/unreachable|kết nối/i);
    expect(flusher.status.nextRetryAt).toBeGreaterThan(Date.now());
    down = false;
    await flusher.flush({ force: true });
    expect(await countQueued(store)).toBe(0);
    expect(server.stored).toEqual(new Set(events.map((e) => e.id)));
  });

  test('halves the batch on 413 until the server takes it', async () => {
    const store = await openStore(`f-${crypto.randomUUID()}`);
    const server = fakeServer({ maxEvents: 40 });
    vi.stubGlobal('fetch', server.fetch);
    const flusher = createFlusher({ store, session: async () => session, onUnauthorized: async () => {} });
    await enqueue(store, 'o1', Array.from({ length: 100 }, ev), Date.now());
    await flusher.flush();
    expect(await countQueued(store)).toBe(0);
    expect(server.stored.size).toBe(100);
    expect(Math.max(...server.batches)).toBeLessThanOrEqual(40);
  });

  test('a revoked session keeps every event and reports it', async () => {
    const store = await openStore(`f-${crypto.randomUUID()}`);
    vi.stubGlobal('fetch', fakeServer({ status: () => 401 }).fetch);
    const onUnauthorized = vi.fn(async () => {});
    const flusher = createFlusher({ store, session: async () => session, onUnauthorized });
    await enqueue(store, 'o1', [ev(), ev()], Date.now());
    await flusher.flush();
    expect(onUnauthorized).toHaveBeenCalledOnce();
    expect(await countQueued(store)).toBe(2);
  });
});
