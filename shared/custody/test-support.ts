/** Test doubles for custody tests: clocks, an event builder and a seeded shuffle. */
import type { ActionKind } from '../schemas/dossier.ts';
import type { StoredEvent, WorkingClock } from './types.ts';

export const CODE = '000.00.12.H32-251117-0007';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Monday 17 November 2025, 00:00 UTC. */
export const MONDAY = Date.UTC(2025, 10, 17);

/** Every millisecond is working time. */
export const allTimeClock: WorkingClock = {
  workingSecondsBetween: (from, to) => Math.max(0, to - from) / 1000,
};

/** Monday to Friday, 08:00–12:00 and 13:00–17:00 UTC: enough to see nights, lunch and weekends skipped. */
export const officeHoursClock: WorkingClock = {
  workingSecondsBetween(from, to) {
    let ms = 0;
    for (let day = Math.floor(from / DAY) * DAY; day < to; day += DAY) {
      const weekday = new Date(day).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      for (const [start, end] of [
        [8, 12],
        [13, 17],
      ] as const) {
        ms += Math.max(0, Math.min(to, day + end * HOUR) - Math.max(from, day + start * HOUR));
      }
    }
    return ms / 1000;
  },
};

/** Monday + d days at hh:mm UTC. */
export function at(d: number, hh: number, mm = 0): number {
  return MONDAY + d * DAY + hh * HOUR + mm * MINUTE;
}

export function action(id: string, officialId: string, when: number, kind: ActionKind, extra: Partial<StoredEvent> = {}): StoredEvent {
  return { id, kind: 'action', officialId, at: when, dossierCode: CODE, action: kind, ...extra };
}

export function open(id: string, officialId: string, when: number, extra: Partial<StoredEvent> = {}): StoredEvent {
  return { id, kind: 'open', officialId, at: when, dossierCode: CODE, ...extra };
}

export function active(id: string, officialId: string, start: number, end: number): StoredEvent {
  return { id, kind: 'active', officialId, at: end, dossierCode: CODE, start, end };
}

/** mulberry32-driven Fisher–Yates, so "any order" is tested with orders that replay. */
export function shuffle<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
