/**
 * The Vietnamese lunisolar calendar ("âm lịch"), computed astronomically for UTC+7.
 *
 * Rules (shared with the modern Chinese calendar, which uses UTC+8 instead):
 * - a month begins on the local date of a true new moon;
 * - month 11 is the month that contains the December solstice (sun longitude 270°);
 * - when 13 months separate two months 11, the first month after the first month 11 that
 *   contains no major solar term (sun longitude a multiple of 30°) is the leap month and
 *   repeats the number of the month before it.
 * Because dates are local, a new moon shortly before midnight in Vietnam is after midnight in
 * China: Tết 2007 is 17 Feb in Vietnam and 18 Feb in China; in 1985 they are a month apart.
 *
 * Range: solar dates 1900-01-01 … 2100-12-31. Results are cached per solar year and time zone.
 */
import { dayNumberFromYmd, MAX_YEAR, MIN_YEAR, ymdFromDayNumber } from './civil-date.ts';
import type { Ymd } from './civil-date.ts';
import { ttToUt, utToTt } from './delta-t.ts';
import { lunationNear, newMoonJde } from './moon.ts';
import { apparentSunLongitude, solarLongitudeInstant } from './sun.ts';
import { VIETNAM_OFFSET_MS } from './civil-date.ts';

export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

/** The months from one month 11 (inclusive) to the next (exclusive): a "suì". */
interface Sui {
  /** Local start days of the months, plus the start of the next month 11 at the end. */
  starts: number[];
  numbers: number[];
  leap: boolean[];
}

export const VIETNAM_UTC_OFFSET_HOURS = VIETNAM_OFFSET_MS / 3_600_000;
const UNIX_EPOCH_JD = 2440587.5;

/** The local day number (days since 1970-01-01) on which a UT Julian day falls. */
function localDay(jdUt: number, offsetHours: number): number {
  return Math.floor(jdUt - UNIX_EPOCH_JD + offsetHours / 24);
}

function newMoonDay(k: number, offsetHours: number): number {
  return localDay(ttToUt(newMoonJde(k)), offsetHours);
}

/** Which 30° sector (0–11) the sun is in when the given local day begins. */
function sunSectorAtDayStart(day: number, offsetHours: number): number {
  const jdUt = day + UNIX_EPOCH_JD - offsetHours / 24;
  return Math.floor(apparentSunLongitude(utToTt(jdUt)) / 30);
}

/** Lunation number of the month 11 of a solar year: the last new moon on or before the solstice day. */
function month11Lunation(year: number, offsetHours: number): number {
  const estimate = dayNumberFromYmd(year, 12, 21) + UNIX_EPOCH_JD;
  const solsticeDay = localDay(ttToUt(solarLongitudeInstant(270, estimate)), offsetHours);
  let k = lunationNear(solsticeDay + UNIX_EPOCH_JD);
  while (newMoonDay(k, offsetHours) > solsticeDay) k--;
  while (newMoonDay(k + 1, offsetHours) <= solsticeDay) k++;
  return k;
}

const suiCache = new Map<string, Sui>();

/** The suì that ends with the month 11 of `year`, i.e. it holds months 1–10 of lunar year `year`. */
function suiEnding(year: number, offsetHours: number): Sui {
  const key = `${offsetHours}:${year}`;
  const cached = suiCache.get(key);
  if (cached) return cached;

  const first = month11Lunation(year - 1, offsetHours);
  const count = month11Lunation(year, offsetHours) - first;
  if (count !== 12 && count !== 13) throw new Error(`lunar year ${year}: ${count} months between months 11`);
  const starts: number[] = [];
  for (let i = 0; i <= count; i++) starts.push(newMoonDay(first + i, offsetHours));

  let leapIndex = -1;
  if (count === 13) {
    for (let i = 1; i < count; i++) {
      const sector = sunSectorAtDayStart(starts[i] as number, offsetHours);
      if (sector === sunSectorAtDayStart(starts[i + 1] as number, offsetHours)) {
        leapIndex = i;
        break;
      }
    }
    if (leapIndex < 0) throw new Error(`lunar year ${year}: 13 months but no month without a major term`);
  }

  const numbers: number[] = [11];
  const leap: boolean[] = [false];
  for (let i = 1; i < count; i++) {
    const previous = numbers[i - 1] as number;
    if (i === leapIndex) {
      numbers.push(previous);
      leap.push(true);
    } else {
      numbers.push((previous % 12) + 1);
      leap.push(false);
    }
  }
  const sui = { starts, numbers, leap };
  suiCache.set(key, sui);
  return sui;
}

function assertSolarRange(y: number): void {
  if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR) {
    throw new RangeError(`solar year ${y} outside ${MIN_YEAR}–${MAX_YEAR}`);
  }
}

/** The lunar date of a solar (Gregorian) date, in Vietnam unless another UTC offset is given. */
export function solarToLunar(y: number, m: number, d: number, utcOffsetHours = VIETNAM_UTC_OFFSET_HOURS): LunarDate {
  assertSolarRange(y);
  const day = dayNumberFromYmd(y, m, d);
  const check = ymdFromDayNumber(day);
  if (check.m !== m || check.d !== d) throw new RangeError(`not a calendar date: ${y}-${m}-${d}`);
  let sui = suiEnding(y, utcOffsetHours);
  let suiYear = y;
  const end = sui.starts[sui.starts.length - 1] as number;
  if (day >= end) {
    sui = suiEnding(y + 1, utcOffsetHours);
    suiYear = y + 1;
  }
  let i = sui.starts.length - 2;
  while (i > 0 && day < (sui.starts[i] as number)) i--;
  const month = sui.numbers[i] as number;
  // Months 11 and 12 at the head of a suì still belong to the previous lunar year.
  const beforeNewYear = month >= 11 && sui.numbers.slice(0, i + 1).every((n) => n >= 11);
  return {
    year: beforeNewYear ? suiYear - 1 : suiYear,
    month,
    day: day - (sui.starts[i] as number) + 1,
    leap: sui.leap[i] as boolean,
  };
}

function locateMonth(lunarYear: number, lunarMonth: number, leap: boolean, offsetHours: number): { start: number; length: number } {
  if (!Number.isInteger(lunarYear) || lunarYear < MIN_YEAR - 1 || lunarYear > MAX_YEAR) {
    throw new RangeError(`lunar year ${lunarYear} outside ${MIN_YEAR - 1}–${MAX_YEAR}`);
  }
  const sui = suiEnding(lunarMonth >= 11 ? lunarYear + 1 : lunarYear, offsetHours);
  // Months 11 and 12 occur only at the head of a suì, so the first match is the one.
  for (let i = 0; i < sui.numbers.length; i++) {
    if (sui.numbers[i] === lunarMonth && sui.leap[i] === leap) {
      const start = sui.starts[i] as number;
      return { start, length: (sui.starts[i + 1] as number) - start };
    }
  }
  throw new RangeError(`lunar month ${lunarMonth}${leap ? ' (nhuận)' : ''} does not exist in lunar year ${lunarYear}`);
}

/** The solar date of a lunar date; throws a RangeError when that lunar date does not exist. */
export function lunarToSolar(
  lunarYear: number,
  lunarMonth: number,
  lunarDay: number,
  leap = false,
  utcOffsetHours = VIETNAM_UTC_OFFSET_HOURS,
): Ymd {
  const { start, length } = locateMonth(lunarYear, lunarMonth, leap, utcOffsetHours);
  if (!Number.isInteger(lunarDay) || lunarDay < 1 || lunarDay > length) {
    throw new RangeError(`lunar ${lunarDay}/${lunarMonth}${leap ? ' (nhuận)' : ''}/${lunarYear}: the month has ${length} days`);
  }
  return ymdFromDayNumber(start + lunarDay - 1);
}

/** Number of days (29 or 30) of a lunar month. */
export function lunarMonthLength(lunarYear: number, lunarMonth: number, leap = false, utcOffsetHours = VIETNAM_UTC_OFFSET_HOURS): number {
  return locateMonth(lunarYear, lunarMonth, leap, utcOffsetHours).length;
}

/** The leap month of a lunar year (1–12), or 0 when the year has none. */
export function leapMonthOf(lunarYear: number, utcOffsetHours = VIETNAM_UTC_OFFSET_HOURS): number {
  // Months 1–10 live in suiEnding(year); a leap 11 or 12 in suiEnding(year + 1), after the month 11.
  const own = suiEnding(lunarYear, utcOffsetHours);
  for (let i = 0; i < own.numbers.length; i++) {
    if (own.leap[i] && (own.numbers[i] as number) <= 10) return own.numbers[i] as number;
  }
  const next = suiEnding(lunarYear + 1, utcOffsetHours);
  for (let i = 0; i < next.numbers.length && (next.numbers[i] as number) >= 11; i++) {
    if (next.leap[i]) return next.numbers[i] as number;
  }
  return 0;
}
