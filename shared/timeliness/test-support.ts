/**
 * Test clocks on Vietnamese office hours (07:30–11:30 and 13:30–17:00, Monday to Friday, UTC+7)
 * and a local-time instant builder. Monday 17 November 2025 is local day 0.
 */
import { MONDAY } from '../custody/test-support.ts';
import type { TimelinessClock } from './working-time.ts';
import { VIETNAM_OFFSET_MS } from '../calendar/civil-date.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const OFFSET = VIETNAM_OFFSET_MS;
const SHIFTS: readonly (readonly [number, number])[] = [
  [7.5 * HOUR, 11.5 * HOUR],
  [13.5 * HOUR, 17 * HOUR],
];

/** Local (UTC+7) Monday 17 November 2025 + d days at hh:mm. */
export function vn(d: number, hh: number, mm = 0): number {
  return MONDAY - OFFSET + d * DAY + hh * HOUR + mm * MINUTE;
}

/** Working shifts as absolute [start, end) instants, day by day from the local day containing `from`. */
function* shiftsFrom(from: number): Generator<readonly [number, number]> {
  for (let day = Math.floor((from + OFFSET) / DAY) * DAY - OFFSET; ; day += DAY) {
    const weekday = new Date(day + OFFSET).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const [start, end] of SHIFTS) yield [day + start, day + end];
  }
}

function workingSecondsBetween(from: number, to: number): number {
  let ms = 0;
  for (const [start, end] of shiftsFrom(from)) {
    if (start >= to) break;
    ms += Math.max(0, Math.min(end, to) - Math.max(start, from));
  }
  return ms / 1000;
}

/** Office hours with addWorkingTime, like the real calendar. */
export const vnOfficeClock: Required<TimelinessClock> = {
  workingSecondsBetween,
  addWorkingTime(from, seconds) {
    let left = seconds * 1000;
    if (left <= 0) return from;
    for (const [start, end] of shiftsFrom(from)) {
      const s = Math.max(start, from);
      if (end <= s) continue;
      if (end - s >= left) return s + left;
      left -= end - s;
    }
    throw new Error('unreachable');
  },
};

/** The same hours without addWorkingTime, so callers must search. */
export const vnOfficeClockWithoutAdd: TimelinessClock = { workingSecondsBetween };
