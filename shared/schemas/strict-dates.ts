import { z } from 'zod';

/**
 * Dates as query strings carry them. `Date.parse` is lenient (it reads `99999` as a year and
 * `2024-13-45` as NaN, which silently matches nothing), so a query date must be exactly a day
 * that exists, or an ISO instant with its offset, within years the product can hold.
 */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2999;

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day `YYYY-MM-DD` that exists (no 30 February), between MIN_YEAR and MAX_YEAR. */
export function isCalendarDay(s: string): boolean {
  const m = DAY_RE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) return false;
  const t = Date.UTC(year, Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === s;
}

export const calendarDaySchema = z.string().refine(isCalendarDay, 'ngày dạng YYYY-MM-DD có thật / a real day as YYYY-MM-DD');

const isoInstant = z.iso.datetime({ offset: true });

/** An ISO 8601 instant with `Z` or an offset, between MIN_YEAR and MAX_YEAR. */
export function isQueryInstant(s: string): boolean {
  if (!isoInstant.safeParse(s).success) return false;
  const year = new Date(Date.parse(s)).getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** `from`/`to` in queries: a local day or an ISO instant with offset; anything else is a 400 naming the parameter. */
export const dayOrInstantSchema = z
  .string()
  .refine(
    (s) => isCalendarDay(s) || isQueryInstant(s),
    'ngày YYYY-MM-DD hoặc thời điểm ISO 8601 có múi giờ / a day YYYY-MM-DD or an ISO 8601 instant with offset',
  );
