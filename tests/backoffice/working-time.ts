/**
 * An interim working-time calendar for the simulated back-office only: Vietnam time (UTC+7),
 * 07:00–11:30 and 13:30–17:00 on weekdays, the 2025/2026 days off and swapped Saturdays.
 * It mirrors the names shared/calendar will export (addWorkingTime, workingSecondsBetween) so
 * swapping it out later touches this file alone.
 */
import type { TimeType } from '../../shared/demo/roster.ts';

const VN_OFFSET = 7 * 3600_000;
const DAY = 86_400_000;
const MIN = 60_000;
/** Working windows as minutes after local midnight. */
const WINDOWS: Array<[number, number]> = [
  [7 * 60, 11 * 60 + 30],
  [13 * 60 + 30, 17 * 60],
];

const DAYS_OFF = new Set([
  '2025-01-01',
  '2025-01-27',
  '2025-01-28',
  '2025-01-29',
  '2025-01-30',
  '2025-01-31',
  '2025-04-07',
  '2025-04-30',
  '2025-05-01',
  '2025-05-02',
  '2025-09-01',
  '2025-09-02',
  '2026-01-01',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-04-27',
  '2026-04-30',
  '2026-05-01',
  '2026-08-31',
  '2026-09-01',
  '2026-09-02',
]);
/** Saturdays worked in exchange for a bridged day off. */
const EXTRA_WORKING_DAYS = new Set(['2025-04-26', '2026-08-22']);

/** Local (UTC+7) milliseconds are handled as if they were UTC, so UTC getters read local fields. */
const toLocal = (d: Date) => d.getTime() + VN_OFFSET;
const fromLocal = (ms: number) => new Date(ms - VN_OFFSET);

function isWorkingLocalDay(dayStartLocal: number): boolean {
  const d = new Date(dayStartLocal);
  const key = d.toISOString().slice(0, 10);
  if (EXTRA_WORKING_DAYS.has(key)) return true;
  if (DAYS_OFF.has(key)) return false;
  const wd = d.getUTCDay();
  return wd !== 0 && wd !== 6;
}

export function isWorkingDay(at: Date): boolean {
  const local = toLocal(at);
  return isWorkingLocalDay(local - (local % DAY));
}

/** Adds (or, when negative, subtracts) working seconds; time outside working hours does not count. */
export function addWorkingTime(start: Date, seconds: number): Date {
  let remaining = Math.abs(seconds) * 1000;
  if (remaining === 0) return new Date(start);
  let t = toLocal(start);
  const forward = seconds > 0;
  for (let guard = 0; guard < 20_000; guard++) {
    const dayStart = forward ? t - (t % DAY) : t - 1 - ((t - 1) % DAY);
    if (isWorkingLocalDay(dayStart)) {
      const windows = forward ? WINDOWS : [...WINDOWS].reverse();
      for (const [a, b] of windows) {
        const ws = dayStart + a * MIN;
        const we = dayStart + b * MIN;
        if (forward && t < we) {
          const begin = Math.max(t, ws);
          if (remaining <= we - begin) return fromLocal(begin + remaining);
          remaining -= we - begin;
          t = we;
        } else if (!forward && t > ws) {
          const end = Math.min(t, we);
          if (remaining <= end - ws) return fromLocal(end - remaining);
          remaining -= end - ws;
          t = ws;
        }
      }
    }
    t = forward ? dayStart + DAY : dayStart;
  }
  throw new Error('addWorkingTime: out of range');
}

/** Working seconds between two instants (negative when b is before a). */
export function workingSecondsBetween(a: Date, b: Date): number {
  if (b.getTime() < a.getTime()) return -workingSecondsBetween(b, a);
  const from = toLocal(a);
  const to = toLocal(b);
  let total = 0;
  for (let dayStart = from - (from % DAY); dayStart < to; dayStart += DAY) {
    if (!isWorkingLocalDay(dayStart)) continue;
    for (const [x, y] of WINDOWS) {
      const lo = Math.max(from, dayStart + x * MIN);
      const hi = Math.min(to, dayStart + y * MIN);
      if (hi > lo) total += hi - lo;
    }
  }
  return total / 1000;
}

/** The next moment work can start: `at` itself during working hours, else the next window. */
export function nextWorkingMoment(at: Date): Date {
  return addWorkingTime(addWorkingTime(at, 1), -1);
}

/**
 * A due date `hours` after `start` in the procedure's time type. Calendar hours that end on a
 * day off (or at night) move to the next working moment, as DOMAIN.md prescribes for "ngày".
 */
export function dueAfter(start: Date, hours: number, timeType: TimeType): Date {
  if (timeType === 'working_days') return addWorkingTime(start, hours * 3600);
  return nextWorkingMoment(new Date(start.getTime() + hours * 3600_000));
}
