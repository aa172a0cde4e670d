import { randomUUID } from 'node:crypto';
import type { CaptureEvent } from '../../../shared/schemas/events.ts';
import { ACTION_KINDS } from '../../../shared/schemas/dossier.ts';
import type { Prng } from '../support/prng.ts';

export const BATCH_SIZE = 500;
const PROFILE = { id: 'backoffice-spa', version: 1 };

/**
 * One official's capture, shaped like the extension's: opens, active spans, actions and closes
 * over a few dozen dossiers of the last weeks, with the whitelisted fields a page shows.
 */
export function capture(rng: Prng, unitId: string, count: number, now: number, codes?: readonly string[]): CaptureEvent[] {
  const out: CaptureEvent[] = [];
  for (let i = 0; i < count; i++) {
    const day = 1 + (i % 28);
    const code = codes ? rng.pick(codes) : `${unitId}-2511${String(day).padStart(2, '0')}-${String(rng.int(1, 9999)).padStart(4, '0')}`;
    const at = now - rng.int(60, 30 * 86_400) * 1000;
    const base = { id: randomUUID(), at: new Date(at).toISOString(), profile: PROFILE, backofficeUser: 'bench', dossierCode: code };
    const fields = {
      procedureCode: '1.001193.000.00.00.H32',
      status: 'Đang xử lý',
      step: 'Thẩm định hồ sơ',
      appointmentAt: new Date(at + 10 * 86_400_000).toISOString(),
    };
    const roll = rng.next();
    if (roll < 0.4) {
      const start = at - rng.int(5, 1800) * 1000;
      out.push({ ...base, kind: 'active', start: new Date(start).toISOString(), end: base.at });
    } else if (roll < 0.7) out.push({ ...base, kind: 'open', fields });
    else if (roll < 0.9) out.push({ ...base, kind: 'action', action: rng.pick(ACTION_KINDS), fields });
    else out.push({ ...base, kind: 'close' });
  }
  return out;
}

export type Batch = { events: CaptureEvent[]; json: string };

/** Batches of BATCH_SIZE events, serialised ahead so the clients spend no time on it. */
export function batchesOf(events: readonly CaptureEvent[]): Batch[] {
  const out: Batch[] = [];
  for (let i = 0; i < events.length; i += BATCH_SIZE) {
    const part = events.slice(i, i + BATCH_SIZE);
    out.push({ events: part, json: JSON.stringify(part) });
  }
  return out;
}

/** The request body the outbox sends: `sentAt` is stamped at sending, as the extension does. */
export const bodyOf = (b: Batch): string => `{"sentAt":"${new Date().toISOString()}","events":${b.json}}`;
