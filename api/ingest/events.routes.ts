import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../http/context.ts';
import { ApiFailure, zodMessage } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { eventBatchSchema, eventSchema, MAX_BATCH_BYTES, MAX_BATCH_EVENTS, type EventResult } from '../../shared/schemas/events.ts';
import { instantProblem, toEventRow, type UnchainedRow } from './event-row.ts';
import { officialDirectory } from './official-directory.ts';
import { storeEventBatch } from './write-queue.ts';
import { createRateLimiter } from './rate-limit.ts';
import { describeSuspects, screenEvent } from '../../shared/privacy/screen-event.ts';
import { recordQuarantine, type QuarantineEntry } from '../admin/pii-quarantine.repository.ts';

const FUTURE_TOLERANCE_MS = 5 * 60_000;
/** Below this, receipt minus sentAt is mostly transit time, not a wrong clock. */
export const SKEW_THRESHOLD_MS = 30_000;
const STALE_ESTIMATE_MS = 5 * 60_000;

/**
 * How far the client's clock is behind ours. The client's own round-trip measurement wins; the
 * fallback (receipt − sentAt) also counts transit time, so it is used only when it is large.
 */
export function clockSkew(clientOffsetMs: number | undefined, receiptMinusSent: number): number {
  // An estimate minutes away from what this batch shows is stale (the clock was changed since).
  if (clientOffsetMs !== undefined && Math.abs(receiptMinusSent - clientOffsetMs) < STALE_ESTIMATE_MS) return clientOffsetMs;
  return Math.abs(receiptMinusSent) > SKEW_THRESHOLD_MS ? receiptMinusSent : 0;
}
const MAX_AGE_MS = 400 * 86_400_000;

export function createEventRoutes(opts: { ratePerSecond?: number; burst?: number } = {}) {
  const limiter = createRateLimiter(opts.ratePerSecond ?? 20, opts.burst ?? 60);
  return new Hono<AppEnv>().post(
    '/',
    requireSession(),
    bodyLimit({
      maxSize: MAX_BATCH_BYTES,
      onError: (c) => {
        // The rest of the body is never read, so this socket cannot carry another request:
        // say so, and keep-alive clients open a new connection instead of writing into a dead one.
        c.header('Connection', 'close');
        throw new ApiFailure(
          413,
          'batch_too_large',
          `Lô sự kiện vượt quá ${MAX_BATCH_BYTES} byte / Batch exceeds ${MAX_BATCH_BYTES} bytes (max ${MAX_BATCH_EVENTS} events)`,
        );
      },
    }),
    async (c) => {
      const { db, dialect, now } = c.var.services;
      const official = c.var.official;
      const wait = limiter.take(official.id, now());
      if (wait > 0) {
        c.header('Retry-After', String(wait));
        throw new ApiFailure(429, 'rate_limited', `Gửi quá nhanh, thử lại sau ${wait} giây / Too many batches, retry in ${wait} s`);
      }
      const raw = await c.req.json().catch(() => {
        throw new ApiFailure(400, 'invalid_json', 'Nội dung không phải JSON hợp lệ / Body is not valid JSON');
      });
      if (
        raw &&
        typeof raw === 'object' &&
        Array.isArray((raw as { events?: unknown }).events) &&
        (raw as { events: unknown[] }).events.length > MAX_BATCH_EVENTS
      ) {
        throw new ApiFailure(
          413,
          'batch_too_large',
          `Tối đa ${MAX_BATCH_EVENTS} sự kiện mỗi lô / At most ${MAX_BATCH_EVENTS} events per batch`,
        );
      }
      const batch = eventBatchSchema.safeParse(raw);
      if (!batch.success) throw new ApiFailure(400, 'invalid_batch', zodMessage(batch.error), batch.error.issues);

      const receivedAt = now();
      const skewMs = clockSkew(batch.data.clockOffsetMs, receivedAt - Date.parse(batch.data.sentAt));
      const accounts = (await officialDirectory(db, receivedAt)).accountsOf(official.id);
      const results: EventResult[] = [];
      const rows: { index: number; row: UnchainedRow }[] = [];
      /** Values held back as suspected personal data, by the index of their event. */
      const heldBack = new Map<number, QuarantineEntry>();
      batch.data.events.forEach((item, index) => {
        const id = typeof (item as { id?: unknown })?.id === 'string' ? (item as { id: string }).id : null;
        const parsed = eventSchema.safeParse(item);
        if (!parsed.success) {
          results[index] = { id, index, status: 'rejected', reason: zodMessage(parsed.error) };
          return;
        }
        // What a careless profile read beyond a label is dropped here, before the chain sees it.
        const screened = screenEvent(parsed.data);
        const row = toEventRow(screened.event, official, receivedAt, skewMs, accounts);
        if (screened.suspects.length) {
          heldBack.set(index, {
            unitId: official.unitId,
            officialId: official.id,
            eventId: row.id,
            profileId: row.profile_id,
            profileVersion: row.profile_version,
            at: receivedAt,
            suspects: screened.suspects,
          });
        }
        const problem = instantProblem(row);
        if (problem) {
          results[index] = { id, index, status: 'rejected', reason: problem };
        } else if (row.at > receivedAt + FUTURE_TOLERANCE_MS) {
          results[index] = { id, index, status: 'rejected', reason: 'at: thời điểm ở tương lai / event time is in the future' };
        } else if (row.at < receivedAt - MAX_AGE_MS) {
          results[index] = { id, index, status: 'rejected', reason: 'at: sự kiện quá cũ (hơn 400 ngày) / event older than 400 days' };
        } else rows.push({ index, row });
      });

      const outcome = await storeEventBatch(
        db,
        dialect,
        c.var.services.integrity,
        official,
        rows.map((r) => r.row),
        receivedAt,
      );
      for (const [i, { index, row }] of rows.entries()) {
        const status = outcome[i] ?? 'taken';
        results[index] =
          status === 'taken'
            ? { id: row.id, index, status: 'rejected', reason: 'id: mã sự kiện đã được dùng / event id already used by another official' }
            : { id: row.id, index, status, ...(heldBack.has(index) ? { reason: describeSuspects(heldBack.get(index)!.suspects) } : {}) };
      }
      // Counted once, when the event is first stored (a redelivered duplicate was counted already).
      const newlyHeld = rows.flatMap(({ index }, i) => (outcome[i] === 'accepted' && heldBack.has(index) ? [heldBack.get(index)!] : []));
      if (newlyHeld.length) await recordQuarantine(db, newlyHeld);
      const count = (s: EventResult['status']) => results.filter((r) => r.status === s).length;
      return c.json({
        results,
        accepted: count('accepted'),
        duplicate: count('duplicate'),
        rejected: count('rejected'),
        skewMs,
        serverTime: new Date(now()).toISOString(),
      });
    },
  );
}
