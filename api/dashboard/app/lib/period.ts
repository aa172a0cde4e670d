import { localIsoDate } from '../../../../shared/calendar/civil-date.ts';
/**
 * Reporting periods as inclusive local days (YYYY-MM-DD, Asia/Ho_Chi_Minh), the unit the API's
 * statistics use. "This week/month/quarter" run to today, and are compared with the same stretch
 * of the previous week/month/quarter, so a half-finished month is not set against a whole one.
 */
export type PeriodKind = 'week' | 'month' | 'quarter' | 'custom';
export type Period = { kind: PeriodKind; from: string; to: string };
export type Span = { from: string; to: string };

const DAY = 86_400_000;

const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
export const addDays = (day: string, n: number) => iso(ms(day) + n * DAY);
export const daysBetween = (from: string, to: string) => Math.round((ms(to) - ms(from)) / DAY);

export function todayLocal(now = Date.now()): string {
  return localIsoDate(now);
}

/** Monday of the day's week. */
export function weekStart(day: string): string {
  const weekday = new Date(ms(day)).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

function monthStart(day: string, monthsBack = 0, quarter = false): string {
  const d = new Date(ms(day));
  let m = d.getUTCMonth();
  if (quarter) m -= m % 3;
  return iso(Date.UTC(d.getUTCFullYear(), m - monthsBack, 1));
}

const lastDayOfMonth = (first: string) => addDays(monthStart(addDays(first, 32)), -1);

export function resolvePeriod(kind: PeriodKind, today: string, custom?: Span): Period {
  if (kind === 'custom' && custom) return { kind, ...custom };
  if (kind === 'week') return { kind, from: weekStart(today), to: today };
  if (kind === 'quarter') return { kind, from: monthStart(today, 0, true), to: today };
  return { kind: 'month', from: monthStart(today), to: today };
}

/**
 * The same day `months` earlier; a day past the end of the shorter month becomes its last day,
 * and a month's last day stays a month's last day (31 March → 31 December, 28 February → 30 November).
 */
function monthsBefore(day: string, months: number): string {
  const d = new Date(ms(day));
  const first = iso(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, 1));
  const last = lastDayOfMonth(first);
  const wasLast = day === lastDayOfMonth(monthStart(day));
  return wasLast || d.getUTCDate() > Number(last.slice(8)) ? last : `${first.slice(0, 8)}${day.slice(8)}`;
}

/** The stretch to compare with: the same stretch of the previous week/month/quarter, else the days just before. */
export function previousPeriod(p: Period): Span {
  if (p.kind === 'week') return { from: addDays(p.from, -7), to: addDays(p.to, -7) };
  if (p.kind === 'month' || p.kind === 'quarter') {
    const n = p.kind === 'month' ? 1 : 3;
    return { from: monthsBefore(p.from, n), to: monthsBefore(p.to, n) };
  }
  const length = daysBetween(p.from, p.to);
  return { from: addDays(p.from, -(length + 1)), to: addDays(p.from, -1) };
}

/** Mondays of the weeks touching [from, to], at least `min` weeks back from `to`, at most `max`. */
export function weeksOf(span: Span, min = 8, max = 26): Span[] {
  const last = weekStart(span.to);
  let first = weekStart(span.from);
  if (daysBetween(first, last) / 7 + 1 < min) first = addDays(last, -7 * (min - 1));
  const weeks: Span[] = [];
  for (let w = first; w <= last; w = addDays(w, 7)) weeks.push({ from: w, to: addDays(w, 6) });
  return weeks.slice(-max);
}
