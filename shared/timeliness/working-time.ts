import type { WorkingClock } from '../custody/types.ts';
import { VIETNAM_OFFSET_MS } from '../calendar/civil-date.ts';

/**
 * The calendar as timeliness and the rules see it. `addWorkingTime` is optional so a bare
 * `workingSecondsBetween` (custody's clock, test doubles) still works: the answer is then found by
 * searching, which gives the same instant for any monotone calendar, only slower.
 */
export interface TimelinessClock extends WorkingClock {
  /** The earliest instant at which `seconds` of working time have elapsed since fromMs. */
  addWorkingTime?(fromMs: number, seconds: number): number;
}

const DAY_MS = 86_400_000;
/** A calendar with no working time for this long is broken, not merely on holiday. */
const SEARCH_LIMIT_MS = 20 * 366 * DAY_MS;
/** Working seconds are float divisions of ms; a microsecond of slack keeps searches exact. */
const EPSILON = 1e-6;

/** The earliest instant with `seconds` of working time since `from` (from itself for 0). */
export function addWorkingSeconds(clock: TimelinessClock, from: number, seconds: number): number {
  if (!(seconds > 0)) return from;
  if (clock.addWorkingTime) return clock.addWorkingTime(from, seconds);
  const enough = (t: number): boolean => clock.workingSecondsBetween(from, t) >= seconds - EPSILON;
  // Working time never outruns elapsed time, so `from + seconds` is the first candidate.
  let span = Math.ceil(seconds * 1000);
  while (!enough(from + span)) {
    span *= 2;
    if (span > SEARCH_LIMIT_MS) throw new RangeError(`no ${seconds} s of working time within 20 years of ${from}`);
  }
  let lo = from + Math.floor(span / 2);
  let hi = from + span;
  if (enough(lo)) lo = from;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (enough(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The latest instant with `seconds` of working time before `to` (to itself for 0). */
export function subtractWorkingSeconds(clock: WorkingClock, to: number, seconds: number): number {
  if (!(seconds > 0)) return to;
  const enough = (t: number): boolean => clock.workingSecondsBetween(t, to) >= seconds - EPSILON;
  let span = Math.ceil(seconds * 1000);
  while (!enough(to - span)) {
    span *= 2;
    if (span > SEARCH_LIMIT_MS) throw new RangeError(`no ${seconds} s of working time within 20 years before ${to}`);
  }
  let lo = to - span;
  let hi = to - Math.floor(span / 2);
  if (enough(hi)) hi = to;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (enough(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Vietnam's offset: national deadlines and "working days" are local dates in UTC+7. */
export const VN_UTC_OFFSET_MINUTES = VIETNAM_OFFSET_MS / 60_000;

/** A local calendar day as a whole number (days since 1970-01-01 local), comparable and hashable. */
export function localDayNumber(ms: number, utcOffsetMinutes: number = VN_UTC_OFFSET_MINUTES): number {
  return Math.floor((ms + utcOffsetMinutes * 60_000) / DAY_MS);
}

/** The instant a local day number begins. */
export function localDayStart(day: number, utcOffsetMinutes: number = VN_UTC_OFFSET_MINUTES): number {
  return day * DAY_MS - utcOffsetMinutes * 60_000;
}
