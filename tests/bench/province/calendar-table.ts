import { sql } from 'kysely';
import type { Db } from '../../../api/db/connect.ts';
import type { WorkingCalendar } from '../../../shared/calendar/index.ts';

export const WORK_TABLE = 'bench_work_intervals';

type Interval = { start_ms: number; end_ms: number; before_ms: number };

/** Working intervals of a calendar with the working time before each one: a prefix sum. */
export function workIntervals(clock: WorkingCalendar, fromDay: string, toDay: string): Interval[] {
  const out: Interval[] = [];
  let before = 0;
  for (let t = Date.parse(`${fromDay}T00:00:00Z`); t <= Date.parse(`${toDay}T00:00:00Z`); t += 86_400_000) {
    const date = new Date(t).toISOString().slice(0, 10);
    const info = clock.dayInfo(date);
    if (!info.working) continue;
    for (const s of info.shifts) {
      const start = Date.parse(`${date}T${s.start}:00+07:00`);
      const end = Date.parse(`${date}T${s.end}:00+07:00`);
      out.push({ start_ms: start, end_ms: end, before_ms: before });
      before += end - start;
    }
  }
  return out;
}

/** Working ms in (-∞, t) read from the intervals, as the plain SQL computes it. */
export function workedBefore(intervals: readonly Interval[], t: number): number {
  let lo = 0;
  let hi = intervals.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (intervals[mid]!.start_ms <= t) (found = mid), (lo = mid + 1);
    else hi = mid - 1;
  }
  if (found < 0) return 0;
  const w = intervals[found]!;
  return w.before_ms + Math.min(t, w.end_ms) - w.start_ms;
}

/**
 * A calendar table for the plain SQL: what a team without rollups would keep to measure working
 * time in SQL. Checked against the calendar itself first, so an inequality later in the stats
 * benchmark points at the rollups, not at this table.
 */
export async function createWorkTable(db: Db, clock: WorkingCalendar, year: number): Promise<number> {
  const intervals = workIntervals(clock, `${year - 1}-12-01`, `${year + 1}-02-28`);
  const yearStart = Date.parse(`${year}-01-01T00:00:00+07:00`);
  for (let i = 0; i < 2000; i++) {
    const a = yearStart + ((i * 7_919_993_000) % (365 * 86_400_000));
    const b = a + ((i * 104_729_000) % (30 * 86_400_000));
    const expected = Math.round(clock.workingSecondsBetween(a, b) * 1000);
    const got = workedBefore(intervals, b) - workedBefore(intervals, a);
    if (expected !== got) throw new Error(`calendar table disagrees with the calendar for [${a}, ${b}): ${got} ≠ ${expected} ms`);
  }
  await sql`create table ${sql.table(WORK_TABLE)} (start_ms bigint primary key, end_ms bigint not null, before_ms bigint not null)`.execute(
    db,
  );
  for (let i = 0; i < intervals.length; i += 500)
    await db
      .insertInto(WORK_TABLE as never)
      .values(intervals.slice(i, i + 500) as never)
      .execute();
  await sql`analyze ${sql.table(WORK_TABLE)}`.execute(db);
  return intervals.length;
}
