import type { CaptureEvent, EventResult } from '../../../shared/schemas/events.ts';

/**
 * A client that behaves like the extension's outbox: events are kept until the server
 * acknowledges each one (accepted or duplicate); a failed or unanswered request leaves them
 * queued to be sent again, oldest first, with `sentAt` stamped at each attempt.
 */
export function createOutboxClient(opts: { baseUrl: () => string; token: string; maxBatch?: number; timeoutMs?: number }) {
  let queue: CaptureEvent[] = [];
  const acknowledged = new Set<string>();
  const rejected: { id: string | null; reason: string }[] = [];
  const statuses = new Map<string, number>();
  const count = (k: string) => statuses.set(k, (statuses.get(k) ?? 0) + 1);
  let accepted = 0;
  let duplicates = 0;

  /** One attempt with the oldest queued events; true when the server answered with results. */
  async function flush(): Promise<boolean> {
    if (queue.length === 0) return true;
    const batch = queue.slice(0, opts.maxBatch ?? 500);
    let res: Response;
    try {
      res = await fetch(`${opts.baseUrl()}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
        body: JSON.stringify({ sentAt: new Date().toISOString(), events: batch }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      });
    } catch (e) {
      count(`transport: ${(e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name}`);
      return false;
    }
    count(String(res.status));
    if (!res.ok) {
      await res.arrayBuffer().catch(() => undefined);
      return false;
    }
    let body: { results: EventResult[] };
    try {
      body = (await res.json()) as { results: EventResult[] };
    } catch {
      count('transport: body cut off');
      return false;
    }
    const settled = new Set<string>();
    for (const r of body.results) {
      const id = r.id ?? batch[r.index]?.id ?? null;
      if (id) settled.add(id);
      if (r.status === 'rejected') rejected.push({ id, reason: r.reason ?? '' });
      else {
        if (r.status === 'accepted') accepted++;
        else duplicates++;
        if (id) acknowledged.add(id);
      }
    }
    queue = queue.filter((e) => !settled.has(e.id));
    return true;
  }

  return {
    add(events: readonly CaptureEvent[]) {
      queue.push(...events);
    },
    flush,
    /** Retries with capped exponential backoff until the queue is empty or `until` passes. */
    async drain(until: number, backoffMs = [100, 2000] as [number, number]): Promise<boolean> {
      let wait = backoffMs[0];
      while (queue.length && Date.now() < until) {
        if (await flush()) wait = backoffMs[0];
        else {
          await new Promise((r) => setTimeout(r, wait * (0.5 + Math.random())));
          wait = Math.min(backoffMs[1], wait * 2);
        }
      }
      return queue.length === 0;
    },
    pending: () => queue.length,
    acknowledged,
    rejected,
    statuses,
    totals: () => ({ accepted, duplicates }),
  };
}
export type OutboxClient = ReturnType<typeof createOutboxClient>;
