/**
 * `npm start`'s one world: the API's history is made from the simulated back-office's own
 * dossiers, so flags, holders and queues agree with what the back-office pages show, a restart
 * rebuilds them in step, and the workday simulation's moves reach the API.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../api/config.ts';
import { DEMO_OFFICIALS } from '../../shared/demo/roster.ts';
import { startDemo, type RunningDemo } from '../../scripts/demo-world.ts';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { TEST_KEY_FILE } from '../support/integrity.ts';
import type { TestDatabase } from '../support/databases.ts';

const HELD = new Set([2, 4]);

function configFor(db: TestDatabase) {
  const target = db.target.kind === 'postgres' ? { DATABASE_URL: db.target.url } : { SQLITE_PATH: db.target.path };
  return loadConfig({ DEMO: '1', LOG_LEVEL: 'silent', PORT: '0', CHECKPOINT_KEY_FILE: TEST_KEY_FILE, ...target });
}

async function client(demo: RunningDemo, username: string) {
  const res = await fetch(`${demo.api.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  const { token } = (await res.json()) as { token: string };
  return async (path: string): Promise<any> => {
    const r = await fetch(`${demo.api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    // A dossier the workday has just received is unknown until the derivation worker's next pass.
    if (r.status === 404 && path.startsWith('/v1/dossiers/')) return { dossier: { currentHolderId: 'not derived yet' } };
    expect(r.status, path).toBe(200);
    return r.json();
  };
}

/** Every held dossier's holder in the API is the handler the back-office names. */
async function holdersAgree(demo: RunningDemo, get: (p: string) => Promise<any>, idToName: Map<string, string>, codes?: Set<string>) {
  const wrong: string[] = [];
  for (const d of demo.backoffice.world.store.dossiers) {
    if (!d.history.length || (codes && !codes.has(d.code))) continue;
    const { dossier } = await get(`/v1/dossiers/${encodeURIComponent(d.code)}`);
    const api = idToName.get(dossier.currentHolderId) ?? null;
    const page = HELD.has(d.status) ? d.handler : null;
    if (api !== page)
      wrong.push(`${d.code} (status ${d.status}): page ${page}, API ${api} (${dossier.holderState}, ${dossier.holderEvidence})`);
  }
  return wrong;
}

describe.each(STORAGE_DIALECTS)('demo world on $name', ({ name, make }) => {
  const dbs: TestDatabase[] = [];
  const demos: RunningDemo[] = [];
  afterAll(async () => {
    for (const d of demos) await d.close();
    for (const db of dbs) await db.drop();
  });

  test('flags, holders and every official’s queue match the back-office', { timeout: 240_000 }, async () => {
    const db = await make();
    dbs.push(db);
    const demo = await startDemo({ config: configFor(db), workday: false });
    demos.push(demo);
    expect(demo.seeded?.rejected).toBe(0);
    expect(demo.seeded?.events).toBeGreaterThan(500);

    const get = await client(demo, 'admin');
    const { officials } = (await get('/v1/admin/officials')) as { officials: { id: string; username: string }[] };
    const idToName = new Map(officials.map((o) => [o.id, o.username]));
    const store = demo.backoffice.world.store;
    const { flags } = (await get('/v1/flags?limit=200')) as { flags: { dossierCode: string; officialId: string | null }[] };
    expect(flags.length).toBeGreaterThan(10);
    expect(flags.length, 'one page holds every flag').toBeLessThan(200);
    expect(flags.filter((f) => !store.byCode.has(f.dossierCode)).map((f) => f.dossierCode)).toEqual([]);

    // Every back-office account opens the demo with a stalled dossier in its own queue.
    for (const o of DEMO_OFFICIALS.filter((x) => x.backofficeRole)) {
      const queue = new Set(store.dossiers.filter((d) => d.handler === o.username && HELD.has(d.status)).map((d) => d.code));
      const own = flags.filter((f) => idToName.get(f.officialId ?? '') === o.username && queue.has(f.dossierCode));
      expect(own.length, `${o.username} has a flagged dossier in their queue`).toBeGreaterThan(0);
    }
    expect(await holdersAgree(demo, get, idToName)).toEqual([]);
    if (name !== 'sqlite') return;

    // A restart reseeds the back-office and rebuilds the demo database with it: still one world.
    await demo.close();
    demos.pop();
    const again = await startDemo({
      config: configFor(db),
      workday: { intervalMs: 150 },
      rebuildSqlite: db.target.kind === 'sqlite' ? db.target.path : undefined,
    });
    demos.push(again);
    expect(again.seeded).not.toBeNull();
    const get2 = await client(again, 'admin');
    const ids2 = new Map(
      ((await get2('/v1/admin/officials')) as { officials: { id: string; username: string }[] }).officials.map((o) => [o.id, o.username]),
    );
    const after = (await get2('/v1/flags?limit=200')) as { flags: { dossierCode: string }[] };
    expect(after.flags.filter((f) => !again.backoffice.world.store.byCode.has(f.dossierCode))).toEqual([]);

    // The workday's moves reach the API as the acting officials' events, and are derived.
    const store2 = again.backoffice.world.store;
    const deadline = Date.now() + 20_000;
    while (store2.truth.length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    again.backoffice.workday.stop();
    const moved = new Set(store2.truth.map((t) => t.dossierCode));
    expect(moved.size).toBeGreaterThan(0);
    let wrong: string[] = [];
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 500));
      wrong = await holdersAgree(again, get2, ids2, moved);
      if (!wrong.length) break;
    }
    expect(wrong).toEqual([]);
  });
});
