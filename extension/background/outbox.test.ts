import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, test } from 'vitest';
import { openStore, type Store } from './store.ts';
import { acknowledge, countQueued, enqueue, peek } from './outbox.ts';
import { beat, closeStale, PULSE_MS, stop } from './spans.ts';
import type { CaptureEvent } from '../../shared/schemas/events.ts';

const CODE = '000.00.12.H32-251120-0007';
const profile = { id: 'p', version: 1 };
const ev = (i: number): CaptureEvent => ({
  id: crypto.randomUUID(),
  kind: 'open',
  at: new Date(1_700_000_000_000 + i).toISOString(),
  dossierCode: CODE,
  profile,
});

let store: Store;
beforeEach(async () => {
  store = await openStore(`test-${crypto.randomUUID()}`);
});

describe('outbox', () => {
  test('keeps each official’s events in order and removes only acknowledged ones', async () => {
    const mine = [ev(1), ev(2), ev(3)];
    await enqueue(store, 'a', mine, 1);
    await enqueue(store, 'b', [ev(4)], 2);
    const batch = await peek(store, 'a', 10);
    expect(batch.map((b) => b.event.id)).toEqual(mine.map((e) => e.id));
    // The server answered for the first two only: the third stays queued.
    const r = await acknowledge(
      store,
      batch,
      [
        { id: mine[0]!.id, index: 0, status: 'accepted' },
        { id: mine[1]!.id, index: 1, status: 'rejected', reason: 'bad' },
      ],
      3,
    );
    expect(r).toEqual({ done: 1, rejected: 1 });
    expect((await peek(store, 'a', 10)).map((b) => b.event.id)).toEqual([mine[2]!.id]);
    expect(await countQueued(store, 'b')).toBe(1);
    const rejected = await store.getAll('rejected');
    expect(rejected.map((x) => [x.event.id, x.reason])).toEqual([[mine[1]!.id, 'bad']]);
  });

  test('holds a very large backlog', async () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ev(i));
    await enqueue(store, 'a', many, 1);
    expect(await countQueued(store, 'a')).toBe(20_000);
    expect((await peek(store, 'a', 500)).length).toBe(500);
  });
});

describe('activity spans', () => {
  const meta = { officialId: 'a', dossierCode: CODE, profile };
  test('heartbeats within the pulse time extend one span; a gap closes it into one event', async () => {
    const t0 = 1_700_000_000_000;
    await beat(store, meta, t0);
    await beat(store, meta, t0 + 5000);
    await beat(store, meta, t0 + 4000); // a late beat from a second tab changes nothing
    await beat(store, meta, t0 + 10_000);
    expect(await countQueued(store)).toBe(0);
    const emitted = await beat(store, meta, t0 + 10_000 + PULSE_MS + 1);
    expect(emitted).toHaveLength(1);
    const [queued] = await peek(store, 'a', 10);
    expect(queued!.event).toMatchObject({ kind: 'active', start: new Date(t0).toISOString(), end: new Date(t0 + 10_000).toISOString() });
  });

  test('stop ends the span at the given instant; stale spans close on the alarm', async () => {
    const t0 = 1_700_000_100_000;
    await beat(store, meta, t0);
    await stop(store, 'a', CODE, t0 + 3000);
    await beat(store, { ...meta, dossierCode: '000.00.12.H32-251120-0008' }, t0);
    expect(await closeStale(store, t0 + 1000)).toBe(0);
    expect(await closeStale(store, t0 + PULSE_MS + 1)).toBe(1);
    const events = (await peek(store, 'a', 10)).map((q) => q.event);
    // The stale span had a single heartbeat: zero length, nothing to report.
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'active', start: new Date(t0).toISOString(), end: new Date(t0 + 3000).toISOString() });
  });
});
