import type { Db } from './connect.ts';

/**
 * Serialises transactions that keep an invariant over many rows (the unit tree has no cycle; the
 * audit log and checkpoints are numbered in order): the first statement upserts the named row,
 * which holds its row lock until commit on PostgreSQL and the writer lock on SQLite.
 */
export async function takeAppLock(trx: Db, name: string, now: number): Promise<void> {
  await trx
    .insertInto('app_locks')
    .values({ name, at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ at: now }))
    .execute();
}
