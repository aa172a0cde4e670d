import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import type { TestDatabase } from '../support/databases.ts';
import { startApiProcess } from '../support/api-process.ts';
import { apiLogin, waitFor } from '../support/stack.ts';
import { actionEvent, activeEvent, batch, openEvent } from '../support/events.ts';
import { openStorage } from '../../api/db/connect.ts';
import { verifyChains } from '../../api/verify/verify-chain.ts';

const postgres = STORAGE_DIALECTS.find((d) => d.name === 'postgres');
if (!postgres) console.warn('[skip] two API processes need PostgreSQL (SQLite is one process by design)');

/** Several API processes share one PostgreSQL: stateless handlers, per-official locks, row-locked derivation. */
describe.runIf(!!postgres)('two API processes on one PostgreSQL', () => {
  let database: TestDatabase;
  const procs: Awaited<ReturnType<typeof startApiProcess>>[] = [];
  beforeAll(async () => {
    database = await postgres!.make();
    const env = { DATABASE_URL: (database.target as { url: string }).url, DEMO: '1' };
    // One after the other: the first migrates and seeds, the second finds it done.
    procs.push(await startApiProcess(env));
    procs.push(await startApiProcess(env));
  });
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await database?.drop();
  });

  test('overlapping batches sent to both at once are stored once, with whole chains and one set of figures', async () => {
    const codes = ['000.00.12.H32-251117-0101', '000.00.12.H32-251117-0102', '000.00.12.H32-251117-0103'];
    const t0 = Date.now() - 3600_000;
    const events = codes.flatMap((code, i) => [
      openEvent({ dossierCode: code, at: new Date(t0 + i * 60_000).toISOString() }),
      activeEvent(t0 + i * 60_000, 45, { dossierCode: code }),
      actionEvent('forward', { dossierCode: code, at: new Date(t0 + i * 60_000 + 50_000).toISOString(), toAccount: 'lanhdao1' }),
    ]);
    const [a, b] = [await apiLogin(procs[0]!.url, 'chuyenvien1'), await apiLogin(procs[1]!.url, 'chuyenvien1')];
    const send = (url: string, token: string, evs: unknown[]) =>
      fetch(`${url}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(batch(evs)),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { accepted: number; duplicate: number } }));
    // Every event goes to both processes, in different groupings, all at the same time.
    const replies = await Promise.all([
      send(procs[0]!.url, a, events.slice(0, 6)),
      send(procs[1]!.url, b, events.slice(3)),
      send(procs[0]!.url, a, events.slice(4)),
      send(procs[1]!.url, b, events.slice(0, 5)),
      send(procs[0]!.url, a, events),
    ]);
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(replies.reduce((n, r) => n + r.body.accepted, 0)).toBe(events.length);

    const storage = await openStorage(database.target, { migrate: false });
    try {
      const ids = (await storage.db.selectFrom('events').select('id').execute()).map((r) => r.id);
      expect(ids.sort()).toEqual(events.map((e) => e.id).sort());
      expect((await verifyChains(storage.db)).tampers).toEqual([]);
      // Both processes' derivation workers ran; each dossier is derived once, not twice.
      await waitFor(
        async () => (await storage.db.selectFrom('derive_queue').select('dossier_code').execute()).length,
        (n) => n === 0,
        30_000,
      );
      const segments = await storage.db.selectFrom('segments').select(['dossier_code', 'holder_id', 'active_seconds']).execute();
      expect(
        segments
          .filter((s) => Number(s.active_seconds) > 0)
          .map((s) => [s.dossier_code, Number(s.active_seconds)])
          .sort(),
      ).toEqual(codes.map((c) => [c, 45]));
    } finally {
      await storage.close();
    }
    // The same figures answered by either process.
    const stats = await Promise.all(
      procs.map(async (p, i) => (await fetch(`${p.url}/v1/stats/officials`, { headers: { authorization: `Bearer ${[a, b][i]}` } })).json()),
    );
    expect(stats[0]).toEqual(stats[1]);
    expect((stats[0] as { officials: { actions: number; activeSeconds: number }[] }).officials[0]).toMatchObject({
      actions: 3,
      activeSeconds: 135,
    });
  });
});
