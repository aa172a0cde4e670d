import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, test } from 'vitest';
import { freshSqlite, type TestDatabase } from '../support/databases.ts';
import { generateIntegrityKey } from '../../api/integrity/signing-key.ts';
import { openStorage, type Storage } from '../../api/db/connect.ts';
import { createWriteQueue } from '../../api/ingest/write-queue.ts';
import { toEventRow } from '../../api/ingest/event-row.ts';
import { PROFILE } from '../support/events.ts';
import type { CaptureEvent } from '../../shared/schemas/events.ts';

const UNIT = '000.00.12.H32';
const officials = Array.from({ length: 3 }, (_, i) => ({ id: `o-${i}`, unitId: UNIT }));
const event = (at: number): CaptureEvent =>
  ({
    id: randomUUID(),
    kind: 'open',
    at: new Date(at).toISOString(),
    dossierCode: `${UNIT}-251120-0001`,
    profile: PROFILE,
  }) as CaptureEvent;
const rows = (official: (typeof officials)[number], n: number) =>
  Array.from({ length: n }, (_, i) =>
    toEventRow(
      event(Date.now() - 60_000 + i),
      { ...official, username: official.id, displayName: official.id, role: 'clerk', backofficeAccount: null },
      Date.now(),
      0,
    ),
  );

describe('the SQLite write queue', () => {
  let db: TestDatabase;
  let storage: Storage;
  afterEach(async () => {
    await storage.close();
    await db.drop();
  });

  test('batches waiting together commit together, each with its own results; a failing batch fails alone', async () => {
    db = freshSqlite();
    storage = await openStorage(db.target);
    const queue = createWriteQueue(storage.db, generateIntegrityKey());
    const good = officials.map((o) => rows(o, 20));
    const duplicate = [...good[0]!.slice(0, 5)];
    // A row no table accepts (a required column missing): its transaction fails.
    const broken = rows(officials[2]!, 2).map((r) => ({ ...r, kind: null as unknown as string }));
    const stored = await Promise.allSettled([
      queue.store(officials[0]!, good[0]!, Date.now()),
      queue.store(officials[1]!, good[1]!, Date.now()),
      queue.store(officials[2]!, broken, Date.now()),
      queue.store(officials[2]!, good[2]!, Date.now()),
      queue.store(officials[0]!, duplicate, Date.now()),
    ]);
    expect(stored.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const value = (i: number) => (stored[i] as PromiseFulfilledResult<string[]>).value;
    expect(value(0)).toEqual(Array(20).fill('accepted'));
    expect(value(3)).toEqual(Array(20).fill('accepted'));
    expect(value(4)).toEqual(Array(5).fill('duplicate'));
    const n = await storage.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(60);
    // Every official's chain is whole: sequence numbers 1…20 with no gap.
    const heads = await storage.db.selectFrom('chain_heads').select(['official_id', 'seq']).orderBy('official_id').execute();
    expect(heads.map((h) => Number(h.seq))).toEqual([20, 20, 20]);
    expect(queue.waiting()).toBe(0);
  });
});
