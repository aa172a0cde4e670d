/**
 * Civil (Gregorian) dates as day numbers: whole days since 1970-01-01. Every calendar computation
 * works on day numbers so that a day is one integer key, independent of any time zone.
 */

export const DAY_MS = 86_400_000;
/** Vietnam keeps UTC+7 all year (Asia/Ho_Chi_Minh has no daylight saving time). */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The calendar is defined for these Gregorian years (the lunar converter's validated range). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayNumberFromYmd(y: number, m: number, d: number): number {
  // Date.UTC maps years 0–99 to 1900–1999; the supported range never reaches them.
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function ymdFromDayNumber(day: number): Ymd {
  const date = new Date(day * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday. */
export function weekdayIndex(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function weekdayOf(day: number): Weekday {
  return WEEKDAYS[weekdayIndex(day)] as Weekday;
}

/** Parses a real calendar date `YYYY-MM-DD` (rejects 2025-02-30); `undefined` when it is not one. */
export function tryParseIsoDate(text: string): number | undefined {
  const match = ISO_DATE_RE.exec(text);
  if (!match) return undefined;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const day = dayNumberFromYmd(y, m, d);
  const back = ymdFromDayNumber(day);
  return back.y === y && back.m === m && back.d === d ? day : undefined;
}

export function parseIsoDate(text: string): number {
  const day = tryParseIsoDate(text);
  if (day === undefined) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${text}`);
  return day;
}

export function formatIsoDate(day: number): string {
  const { y, m, d } = ymdFromDayNumber(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The local (UTC+7) day an instant falls on. */
export function localDayOf(ms: number): number {
  return Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS);
}

/** The instant local midnight starts the given day. */
export function localDayStartMs(day: number): number {
  return day * DAY_MS - VIETNAM_OFFSET_MS;
}

/** The local (UTC+7) date of an instant, as YYYY-MM-DD. */
export function localIsoDate(ms: number): string {
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a local YYYY-MM-DD day begins (NaN when it is not a date). */
export function localIsoDateStartMs(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) - VIETNAM_OFFSET_MS;
}

/** Parses `HH:MM` (00:00–24:00) into milliseconds after local midnight. */
export function clockToMs(clock: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(clock);
  if (!match) throw new RangeError(`not a clock time (HH:MM): ${clock}`);
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (Number(match[2]) > 59 || minutes > 24 * 60) throw new RangeError(`not a clock time (HH:MM): ${clock}`);
  return minutes * 60_000;
}
