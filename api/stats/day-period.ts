import { z } from 'zod';
import { ApiFailure } from '../http/errors.ts';
import { calendarDaySchema } from '../../shared/schemas/strict-dates.ts';
import { addDays, daysBetween, localDate, localDayStart } from '../derive/local-day.ts';

/** Rollups are per local day, so periods of the derived statistics are whole local days. */
const day = calendarDaySchema;

export const dayPeriodQuerySchema = z.object({
  from: day.optional(),
  to: day.optional(),
  /** `previous` adds the period of the same length just before. */
  compare: z.enum(['previous']).optional(),
});
export type DayPeriodQuery = z.infer<typeof dayPeriodQuerySchema>;

export const DEFAULT_PERIOD_DAYS = 30;
const MAX_PERIOD_DAYS = 731;

/** Inclusive local days and the instants that bound them: [fromMs, toMs). */
export type DayPeriod = { from: string; to: string; days: number; fromMs: number; toMs: number };

export function dayPeriod(from: string, to: string): DayPeriod {
  return { from, to, days: daysBetween(from, to) + 1, fromMs: localDayStart(from), toMs: localDayStart(addDays(to, 1)) };
}

/** Without `to`, up to today; without `from`, the 30 days ending at `to`. */
export function resolvePeriod(q: DayPeriodQuery, now: number): DayPeriod {
  const to = q.to ?? (q.from && q.from > localDate(now) ? q.from : localDate(now));
  const from = q.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  if (from > to) throw new ApiFailure(400, 'invalid_query', 'from sau to / from is after to');
  const period = dayPeriod(from, to);
  if (period.days > MAX_PERIOD_DAYS)
    throw new ApiFailure(400, 'invalid_query', `Tối đa ${MAX_PERIOD_DAYS} ngày / At most ${MAX_PERIOD_DAYS} days`);
  return period;
}

/** The same number of days, ending the day before `p` starts. */
export function previousPeriod(p: DayPeriod): DayPeriod {
  return dayPeriod(addDays(p.from, -p.days), addDays(p.from, -1));
}

export const periodView = (p: DayPeriod) => ({ from: p.from, to: p.to, days: p.days });
