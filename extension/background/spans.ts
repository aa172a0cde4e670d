import type { CaptureEvent } from '../../shared/schemas/events.ts';
import type { OpenSpan, Store } from './store.ts';

/** A heartbeat within this long of the span's end extends it (ActivityWatch's pulse time). */
export const PULSE_MS = 12_000;

export type SpanMeta = Pick<OpenSpan, 'officialId' | 'dossierCode' | 'profile' | 'backofficeUser' | 'identityMismatch'>;

const spanKey = (officialId: string, dossierCode: string) => `${officialId}|${dossierCode}`;

function toEvent(s: OpenSpan): CaptureEvent {
  return {
    id: crypto.randomUUID(),
    kind: 'active',
    at: new Date(s.end).toISOString(),
    dossierCode: s.dossierCode,
    start: new Date(s.start).toISOString(),
    end: new Date(s.end).toISOString(),
    profile: s.profile,
    ...(s.backofficeUser ? { backofficeUser: s.backofficeUser } : {}),
    ...(s.identityMismatch ? { identityMismatch: true } : {}),
  };
}

/**
 * Extends or opens the dossier's span. The span and the outbox are written in one transaction, so
 * a span closed because of a gap becomes exactly one queued event even if the worker dies.
 */
export async function beat(store: Store, meta: SpanMeta, at: number): Promise<CaptureEvent[]> {
  const tx = store.transaction(['spans', 'outbox'], 'readwrite');
  const spans = tx.objectStore('spans');
  const key = spanKey(meta.officialId, meta.dossierCode);
  const open = await spans.get(key);
  const emitted: CaptureEvent[] = [];
  if (open && at <= open.end) {
    // A late heartbeat from another tab: already covered.
  } else if (open && at - open.end <= PULSE_MS) {
    open.end = at;
    void spans.put(open);
  } else {
    if (open) emitted.push(closeInto(tx.objectStore('outbox'), open, at));
    void spans.put({ key, ...meta, start: at, end: at });
  }
  await tx.done;
  return emitted;
}

function closeInto(outbox: { add(v: never): unknown }, span: OpenSpan, now: number): CaptureEvent {
  const event = toEvent(span);
  if (span.end > span.start) outbox.add({ officialId: span.officialId, event, queuedAt: now, attempts: 0 } as never);
  return event;
}

/** Ends the span at `at` (the page went hidden, the official acted or left the dossier). */
export async function stop(store: Store, officialId: string, dossierCode: string, at: number): Promise<void> {
  const tx = store.transaction(['spans', 'outbox'], 'readwrite');
  const spans = tx.objectStore('spans');
  const key = spanKey(officialId, dossierCode);
  const open = await spans.get(key);
  if (open) {
    if (at > open.end && at - open.end <= PULSE_MS) open.end = at;
    closeInto(tx.objectStore('outbox'), open, at);
    void spans.delete(key);
  }
  await tx.done;
}

/** Closes spans whose last heartbeat is older than the pulse time (tab crashed, browser closed). */
export async function closeStale(store: Store, now: number): Promise<number> {
  const tx = store.transaction(['spans', 'outbox'], 'readwrite');
  const spans = tx.objectStore('spans');
  let closed = 0;
  for (const s of await spans.getAll()) {
    if (now - s.end > PULSE_MS) {
      closeInto(tx.objectStore('outbox'), s, now);
      void spans.delete(s.key);
      closed++;
    }
  }
  await tx.done;
  return closed;
}

/** The computer went idle or was locked: every open span ends at its last heartbeat or `at`. */
export async function stopAll(store: Store, at: number): Promise<number> {
  const open = await store.getAll('spans');
  for (const s of open) await stop(store, s.officialId, s.dossierCode, Math.min(at, s.end + PULSE_MS));
  return open.length;
}
