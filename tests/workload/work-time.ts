/**
 * Working-time arithmetic written for the ground truth, independent of the calendar's own prefix
 * sums: it asks the calendar only which shifts each local day has (holidays, make-up days) and
 * walks day by day. The truth must not share code with what it checks, or a bug would agree
 * with itself.
 */
import type { WorkingCalendar } from '../../shared/calendar/index.ts';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Vietnam is UTC+7 all year. */
const OFFSET = 7 * HOUR;
/** No walk in this workload spans more than this many days; more means a runaway loop. */
const MAX_WALK_DAYS = 800;

export type Interval = readonly [start: number, end: number];

export interface WorkTime {
  /** Local day number (days since 1970-01-01 in UTC+7) of an instant. */
  dayOf(ms: number): number;
  /** The instant a local day starts. */
  dayStart(day: number): number;
  /** The day's shifts as absolute [start, end) instants; empty on days off. */
  shifts(day: number): readonly Interval[];
  /** Working seconds in [from, to); 0 when to <= from. */
  seconds(from: number, to: number): number;
  /** The earliest instant with `seconds` of working time since from (from itself for 0). */
  add(from: number, seconds: number): number;
  /** The latest instant with `seconds` of working time before to (to itself for 0). */
  sub(to: number, seconds: number): number;
  /** The n-th working day after `day` (n = 0: `day` itself if it is a working day, else the next). */
  workingDayAfter(day: number, n: number): number;
}

function isoDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

function clock(text: string): number {
  const [h, m] = text.split(':').map(Number) as [number, number];
  return h * HOUR + m * MINUTE;
}

export function createWorkTime(calendar: Pick<WorkingCalendar, 'dayInfo'>): WorkTime {
  const cache = new Map<number, Interval[]>();
  const dayOf = (ms: number): number => Math.floor((ms + OFFSET) / DAY);
  const dayStart = (day: number): number => day * DAY - OFFSET;

  function shifts(day: number): readonly Interval[] {
    let list = cache.get(day);
    if (list === undefined) {
      const base = dayStart(day);
      list = calendar.dayInfo(isoDate(day)).shifts.map((s): Interval => [base + clock(s.start), base + clock(s.end)]);
      cache.set(day, list);
    }
    return list;
  }

  function seconds(from: number, to: number): number {
    if (!(to > from)) return 0;
    let ms = 0;
    for (let d = dayOf(from); d <= dayOf(to); d++) {
      for (const [s, e] of shifts(d)) {
        const lo = Math.max(s, from);
        const hi = Math.min(e, to);
        if (hi > lo) ms += hi - lo;
      }
    }
    return ms / 1000;
  }

  function add(from: number, secs: number): number {
    if (!(secs > 0)) return from;
    let left = Math.round(secs * 1000);
    const first = dayOf(from);
    for (let d = first; d < first + MAX_WALK_DAYS; d++) {
      for (const [s, e] of shifts(d)) {
        const lo = Math.max(s, from);
        if (e <= lo) continue;
        if (left <= e - lo) return lo + left;
        left -= e - lo;
      }
    }
    throw new RangeError(`no ${secs} working seconds within ${MAX_WALK_DAYS} days of ${new Date(from).toISOString()}`);
  }

  function sub(to: number, secs: number): number {
    if (!(secs > 0)) return to;
    let left = Math.round(secs * 1000);
    const last = dayOf(to);
    for (let d = last; d > last - MAX_WALK_DAYS; d--) {
      const list = shifts(d);
      for (let i = list.length - 1; i >= 0; i--) {
        const [s, e] = list[i]!;
        const hi = Math.min(e, to);
        if (hi <= s) continue;
        if (left <= hi - s) return hi - left;
        left -= hi - s;
      }
    }
    throw new RangeError(`no ${secs} working seconds within ${MAX_WALK_DAYS} days before ${new Date(to).toISOString()}`);
  }

  function workingDayAfter(day: number, n: number): number {
    let d = day;
    while (shifts(d).length === 0) d++;
    for (let k = 0; k < n; k++) {
      d++;
      while (shifts(d).length === 0) d++;
    }
    return d;
  }

  return { dayOf, dayStart, shifts, seconds, add, sub, workingDayAfter };
}
