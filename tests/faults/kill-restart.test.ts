import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openStorage, type DatabaseTarget } from '../../api/db/connect.ts';
import { drainQueue, rebuildDerived } from '../../api/derive/index.ts';
import { verifyChains } from '../../api/verify/verify-chain.ts';
import { postgresAvailable } from '../support/requirements.ts';
import { apiLogin, freePort } from '../support/stack.ts';
import { startApiProcess, type ChildServer } from '../bench/support/api-process.ts';
import { createOutboxClient } from '../bench/support/outbox-client.ts';
import { scratchDatabase } from '../bench/support/pg-database.ts';
import { createPrng } from '../bench/support/prng.ts';
import { sleep } from '../bench/support/measure.ts';
import { captureBurst, DEMO_CLERKS, dossierCodes } from './support/capture.ts';
import { derivedSnapshot } from './support/derived-snapshot.ts';

const KILLS = 6;
const SEED = Number(process.env.FAULT_SEED ?? 20251122);
const pgReady = await postgresAvailable();

type Place = { target: DatabaseTarget; api: { sqlitePath?: string; databaseUrl?: string }; drop(): Promise<void> };

async function sqlitePlace(): Promise<Place> {
  const dir = mkdtempSync(join(tmpdir(), 'dp-faults-'));
  const path = join(dir, 'api.sqlite');
  return { target: { kind: 'sqlite', path }, api: { sqlitePath: path }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

async function postgresPlace(): Promise<Place> {
  const db = await scratchDatabase('dp_faults');
  return { target: { kind: 'postgres', url: db.url }, api: { databaseUrl: db.url }, drop: db.drop };
}

/**
 * The API process is killed with SIGKILL again and again while clerks' outboxes keep sending
 * and resending whatever was not acknowledged. After the last restart every event is stored
 * exactly once, every chain verifies, and the incrementally maintained derived rows equal a
 * rebuild from the raw events.
 */
function killSuite(name: string, ready: boolean, place: () => Promise<Place>) {
  describe.skipIf(!ready)(`${name}: API killed with SIGKILL ${KILLS} times during ingest`, () => {
    test('acknowledged events survive exactly once, chains verify, derived rows equal a rebuild', { timeout: 240_000 }, async () => {
      const where = await place();
      const port = await freePort();
      const start = () => startApiProcess(where.api, { port, env: { DEMO: '1' } });
      let api: ChildServer = await start();
      try {
        const rng = createPrng(SEED);
        const codes = dossierCodes(12);
        const clients = await Promise.all(
          DEMO_CLERKS.map(async (username, i) => ({
            outbox: createOutboxClient({
              baseUrl: () => api.url,
              token: await apiLogin(api.url, username),
              maxBatch: 100,
              timeoutMs: 5000,
            }),
            sent: new Set<string>(),
            rng: rng.fork(i),
          })),
        );
        let producing = true;
        const producers = clients.map(async (c) => {
          while (producing) {
            const burst = captureBurst(c.rng, c.rng.int(2, 12), codes);
            for (const e of burst) c.sent.add(e.id);
            c.outbox.add(burst);
            await c.outbox.flush();
            await sleep(c.rng.int(40, 120));
          }
        });
        const ackedAtKill: number[] = [];
        for (let k = 0; k < KILLS; k++) {
          await sleep(rng.int(600, 1500));
          ackedAtKill.push(clients.reduce((n, c) => n + c.outbox.acknowledged.size, 0));
          await api.kill('SIGKILL');
          await sleep(rng.int(50, 400));
          api = await start();
        }
        await sleep(800);
        producing = false;
        await Promise.all(producers);
        for (const c of clients) expect(await c.outbox.drain(Date.now() + 90_000), 'outbox drained after the last restart').toBe(true);
        // The kills really happened under load: acknowledgements kept arriving between them.
        expect(ackedAtKill[0]).toBeGreaterThan(0);
        expect(ackedAtKill.at(-1)).toBeGreaterThan(ackedAtKill[0]!);
        await api.kill('SIGTERM');

        const sent = new Set(clients.flatMap((c) => [...c.sent]));
        const acknowledged = new Set(clients.flatMap((c) => [...c.outbox.acknowledged]));
        expect(clients.flatMap((c) => c.outbox.rejected)).toEqual([]);
        expect(acknowledged.size).toBe(sent.size);

        const storage = await openStorage(where.target);
        try {
          const stored = await storage.db.selectFrom('events').select(['id']).execute();
          const ids = stored.map((r) => r.id);
          expect(ids.length, 'no event stored twice').toBe(new Set(ids).size);
          expect(ids.length).toBe(sent.size);
          expect([...acknowledged].filter((id) => !ids.includes(id))).toEqual([]);
          expect((await verifyChains(storage.db)).tampers).toEqual([]);

          // A killed worker's claims stay leased for minutes: derive as if that time has passed.
          await drainQueue(storage.db, { now: () => Date.now() + 15 * 60_000 });
          const incremental = await derivedSnapshot(storage.db);
          expect(incremental.segments?.length ?? 0).toBeGreaterThan(0);
          await rebuildDerived(storage.db, { now: () => Date.now() + 15 * 60_000 });
          expect(await derivedSnapshot(storage.db)).toEqual(incremental);
        } finally {
          await storage.close();
        }
      } finally {
        await api.kill('SIGKILL');
        await where.drop();
      }
    });
  });
}

killSuite('SQLite', true, sqlitePlace);
killSuite('PostgreSQL', pgReady, postgresPlace);
