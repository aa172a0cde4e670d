/**
 * Range queries over the timeline's per-year prefix sums: the working time (or number of working
 * days) of a run of days, and the day on which a given amount is reached. Both cost a subtraction
 * per year crossed plus, for the search, a binary search inside the last year.
 */
import { YEAR_COUNT } from './timeline.ts';
import type { Timeline } from './timeline.ts';

/** Sum of working ms (or working days) over the local days [fromDay, toDay). */
export function sumDays(tl: Timeline, fromDay: number, toDay: number, days: boolean): number {
  if (toDay <= fromDay) return 0;
  const a = tl.yearIndex(fromDay);
  const b = tl.yearIndex(toDay - 1);
  const ta = tl.table(a);
  const cumA = days ? ta.cumDays : ta.cumMs;
  if (a === b) return (cumA[toDay - ta.firstDay] as number) - (cumA[fromDay - ta.firstDay] as number);
  let sum = (cumA[ta.plans.length] as number) - (cumA[fromDay - ta.firstDay] as number);
  for (let y = a + 1; y < b; y++) {
    const t = tl.table(y);
    sum += (days ? t.cumDays : t.cumMs)[t.plans.length] as number;
  }
  const tb = tl.table(b);
  return sum + ((days ? tb.cumDays : tb.cumMs)[toDay - tb.firstDay] as number);
}

/**
 * The first day d >= startDay by whose end `need` (> 0) working ms (or working days) have been
 * accumulated since startDay's midnight, and how much was accumulated before d.
 */
export function seek(tl: Timeline, startDay: number, need: number, days: boolean): { day: number; before: number } {
  let year = tl.yearIndex(startDay);
  let t = tl.table(year);
  let index = startDay - t.firstDay;
  let accumulated = 0;
  for (;;) {
    const cum = days ? t.cumDays : t.cumMs;
    const base = cum[index] as number;
    const length = t.plans.length;
    if (accumulated + (cum[length] as number) - base >= need) {
      let lo = index;
      let hi = length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (accumulated + (cum[mid + 1] as number) - base >= need) hi = mid;
        else lo = mid + 1;
      }
      return { day: t.firstDay + lo, before: accumulated + (cum[lo] as number) - base };
    }
    accumulated += (cum[length] as number) - base;
    year++;
    if (year >= YEAR_COUNT) throw new RangeError('not enough working time before the end of the calendar');
    t = tl.table(year);
    index = 0;
  }
}
