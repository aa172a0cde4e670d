import { MAX_BATCH_EVENTS } from '../../shared/schemas/events.ts';
import { acknowledge, peek } from './outbox.ts';
import { postEvents } from './api-client.ts';
import { backoffDelay } from './backoff.ts';
import type { Store } from './store.ts';
import type { SessionState } from './session.ts';
import type { ClockOffset } from './clock-offset.ts';

export type FlushStatus = { lastError: string | null; lastSuccessAt: number | null; nextRetryAt: number | null; rejected: number };

/**
 * Sends the outbox in batches until it is empty or the server cannot take more. One flush runs
 * at a time; callers ask for a flush on every new event, on `online` and on an alarm.
 */
export function createFlusher(deps: {
  store: Store;
  session: () => Promise<SessionState>;
  onUnauthorized: (message: string) => Promise<void>;
  onChange?: (status: FlushStatus) => void;
  clock?: ClockOffset;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const status: FlushStatus = { lastError: null, lastSuccessAt: null, nextRetryAt: null, rejected: 0 };
  let running: Promise<void> | null = null;
  let again = false;
  let attempt = 0;
  let batchSize = 500;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function run(): Promise<void> {
    const s = await deps.session();
    if (!s.token || !s.official) return;
    if (status.nextRetryAt && now() < status.nextRetryAt) return;
    for (;;) {
      const batch = await peek(deps.store, s.official.id, batchSize);
      if (batch.length === 0) return;
      const outcome = await postEvents(
        s.serverUrl,
        s.token,
        batch.map((b) => b.event),
        await deps.clock?.get(),
      );
      if (outcome.kind === 'too_large') {
        // The server's body limit is smaller than this batch: halve it until it fits.
        if (batchSize === 1) {
          await acknowledge(
            deps.store,
            batch.slice(0, 1),
            [{ id: batch[0]!.event.id, index: 0, status: 'rejected', reason: 'quá lớn / too large' }],
            now(),
          );
        } else batchSize = Math.max(1, Math.floor(batchSize / 2));
        continue;
      }
      if (outcome.kind === 'unauthorized') {
        status.lastError = outcome.message;
        await deps.onUnauthorized(outcome.message);
        return;
      }
      if (outcome.kind === 'retry') {
        const delay = outcome.afterMs ?? backoffDelay(attempt++);
        status.lastError = outcome.message;
        status.nextRetryAt = now() + delay;
        clearTimeout(timer);
        timer = setTimeout(() => void flush(), delay + 10);
        return;
      }
      await deps.clock?.observe(outcome.serverTime, outcome.sentAt, outcome.answeredAt);
      const ack = await acknowledge(deps.store, batch, outcome.results, now());
      attempt = 0;
      batchSize = Math.min(MAX_BATCH_EVENTS, batchSize * 2);
      status.rejected += ack.rejected;
      status.lastError = null;
      status.lastSuccessAt = now();
      status.nextRetryAt = null;
      deps.onChange?.(status);
      if (batch.length < batchSize && ack.done + ack.rejected === batch.length) {
        const more = await peek(deps.store, s.official.id, 1);
        if (more.length === 0) return;
      }
    }
  }

  function flush(opts: { force?: boolean } = {}): Promise<void> {
    if (opts.force) status.nextRetryAt = null;
    if (running) {
      again = true;
      return running;
    }
    running = run()
      .catch((e) => {
        status.lastError = String(e);
      })
      .finally(() => {
        running = null;
        deps.onChange?.(status);
        if (again) {
          again = false;
          void flush();
        }
      });
    return running;
  }

  return { flush, status };
}
