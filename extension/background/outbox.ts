import type { CaptureEvent, EventResult } from '../../shared/schemas/events.ts';
import type { QueuedEvent, Store } from './store.ts';

export const BACKLOG_WARNING = 10_000;

export async function enqueue(store: Store, officialId: string, events: CaptureEvent[], now: number): Promise<void> {
  const tx = store.transaction('outbox', 'readwrite');
  for (const event of events) void tx.store.add({ officialId, event, queuedAt: now, attempts: 0 });
  await tx.done;
}

/** The oldest events of one official, in the order they were queued. */
export async function peek(store: Store, officialId: string, limit: number): Promise<QueuedEvent[]> {
  const out: QueuedEvent[] = [];
  let cursor = await store.transaction('outbox').store.index('byOfficial').openCursor(IDBKeyRange.only(officialId));
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out.sort((a, b) => a.key! - b.key!);
}

/**
 * Applies the server's per-event results: accepted and duplicate events leave the outbox;
 * rejected ones move to the rejected store with their reason (kept for the official, never lost
 * silently); events without a result stay queued.
 */
export async function acknowledge(
  store: Store,
  sent: QueuedEvent[],
  results: EventResult[],
  now: number,
): Promise<{ done: number; rejected: number }> {
  const tx = store.transaction(['outbox', 'rejected'], 'readwrite');
  let done = 0;
  let rejected = 0;
  for (const r of results) {
    const item = sent[r.index];
    if (!item || item.key === undefined) continue;
    if (r.status === 'rejected') {
      void tx.objectStore('rejected').add({ officialId: item.officialId, event: item.event, reason: r.reason ?? '', at: now });
      rejected++;
    } else done++;
    void tx.objectStore('outbox').delete(item.key);
  }
  await tx.done;
  return { done, rejected };
}

export async function countQueued(store: Store, officialId?: string): Promise<number> {
  return officialId ? store.countFromIndex('outbox', 'byOfficial', officialId) : store.count('outbox');
}
