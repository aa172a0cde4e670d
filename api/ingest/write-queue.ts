import type { Db } from '../db/connect.ts';
import type { UnchainedRow } from './event-row.ts';
import { storeEvents, storeInTransaction, type StoreOutcome } from './events.repository.ts';
import { officialDirectory } from './official-directory.ts';
import type { IntegrityKey } from '../integrity/signing-key.ts';

type Official = { id: string; unitId: string };
type Job = { official: Official; rows: UnchainedRow[]; now: number; resolve: (o: StoreOutcome[]) => void; reject: (e: unknown) => void };

/** Events one commit takes at most (a group's batches stay whole). */
const GROUP_EVENTS = 5000;

/**
 * SQLite's one writer path: batches wait in a single in-process queue, first come first served,
 * and whatever waits is stored in one transaction with one commit. SQLite writes one transaction
 * at a time anyway; taken one request at a time, each batch paid its own commit and the order in
 * which waiting requests got the database was left to chance, so a few waited many times longer
 * than the rest. A group that fails is retried batch by batch, so one bad batch fails alone.
 * Nothing is acknowledged before its group has committed.
 */
export function createWriteQueue(db: Db, key: IntegrityKey) {
  const pending: Job[] = [];
  let draining = false;

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (pending.length) {
        const group: Job[] = [];
        let events = 0;
        while (pending.length && (group.length === 0 || events + pending[0]!.rows.length <= GROUP_EVENTS)) {
          const job = pending.shift()!;
          group.push(job);
          events += job.rows.length;
        }
        let results: StoreOutcome[][] | null = null;
        try {
          // Read before the transaction, which holds SQLite's only connection.
          const directory = await officialDirectory(db);
          results = await db.transaction().execute(async (trx) => {
            const out: StoreOutcome[][] = [];
            for (const j of group) out.push(await storeInTransaction(trx, key, j.official, j.rows, j.now, directory));
            return out;
          });
        } catch (e) {
          if (group.length === 1) group[0]!.reject(e);
        }
        if (results) group.forEach((j, i) => j.resolve(results[i]!));
        else if (group.length > 1) {
          for (const j of group) await storeEvents(db, key, j.official, j.rows, j.now).then(j.resolve, j.reject);
        }
      }
    } finally {
      draining = false;
    }
  }

  return {
    store(official: Official, rows: UnchainedRow[], now: number): Promise<StoreOutcome[]> {
      if (rows.length === 0) return Promise.resolve([]);
      return new Promise((resolve, reject) => {
        pending.push({ official, rows, now, resolve, reject });
        if (!draining) void drain();
      });
    },
    waiting: () => pending.length,
  };
}

const queues = new WeakMap<Db, ReturnType<typeof createWriteQueue>>();

/**
 * Stores one official's validated events: through the database's write queue on SQLite; straight
 * away on PostgreSQL, whose batches run side by side (serialised per official by the chain head's lock).
 */
export function storeEventBatch(
  db: Db,
  dialect: 'sqlite' | 'postgres',
  key: IntegrityKey,
  official: Official,
  rows: UnchainedRow[],
  now: number,
): Promise<StoreOutcome[]> {
  if (dialect === 'postgres') return storeEvents(db, key, official, rows, now);
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = createWriteQueue(db, key)));
  return queue.store(official, rows, now);
}
