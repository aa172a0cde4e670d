import { z } from 'zod';
import { addDays } from '../derive/local-day.ts';
import { dayPeriod, type DayPeriod } from '../stats/day-period.ts';

/** A sheet's period: a local month `2026-03`, quarter `2026-Q1` or year `2026`. */
export const sheetPeriodSchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, 'kỳ: YYYY, YYYY-MM hoặc YYYY-Qn / period: YYYY, YYYY-MM or YYYY-Qn');

const lastDayOf = (month: string) => addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);

export function sheetPeriod(key: string): DayPeriod & { key: string; kind: 'month' | 'quarter' | 'year' } {
  const year = key.slice(0, 4);
  if (key.length === 4) return { ...dayPeriod(`${year}-01-01`, `${year}-12-31`), key, kind: 'year' };
  if (key[5] === 'Q') {
    const q = Number(key[6]);
    const first = `${year}-${String(q * 3 - 2).padStart(2, '0')}`;
    const last = `${year}-${String(q * 3).padStart(2, '0')}`;
    return { ...dayPeriod(`${first}-01`, lastDayOf(last)), key, kind: 'quarter' };
  }
  return { ...dayPeriod(`${key}-01`, lastDayOf(key)), key, kind: 'month' };
}
