import { describe, expect, it } from 'vitest';
import { dayNumberFromYmd, ymdFromDayNumber } from './civil-date.ts';
import { leapMonthOf, lunarMonthLength, lunarToSolar, solarToLunar } from './lunar.ts';

const iso = (ymd: { y: number; m: number; d: number }) => `${ymd.y}-${String(ymd.m).padStart(2, '0')}-${String(ymd.d).padStart(2, '0')}`;

// Tết (lunar 1/1) in Vietnam, as published in Vietnamese calendars.
const TET_VIETNAM: Record<number, string> = {
  2000: '2000-02-05',
  2001: '2001-01-24',
  2002: '2002-02-12',
  2003: '2003-02-01',
  2004: '2004-01-22',
  2005: '2005-02-09',
  2006: '2006-01-29',
  2007: '2007-02-17',
  2008: '2008-02-07',
  2009: '2009-01-26',
  2010: '2010-02-14',
  2011: '2011-02-03',
  2012: '2012-01-23',
  2013: '2013-02-10',
  2014: '2014-01-31',
  2015: '2015-02-19',
  2016: '2016-02-08',
  2017: '2017-01-28',
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  // The new moon is at 23:07 in Vietnam on 2 February, 00:07 on 3 February in China.
  2030: '2030-02-02',
};

// The Chinese New Year (UTC+8) of the same years: the same calculation with UTC+8 must give it.
const TET_CHINA: Record<number, string> = {
  ...TET_VIETNAM,
  2007: '2007-02-18',
  2030: '2030-02-03',
};

describe('lunar new year', () => {
  it.each(Object.entries(TET_VIETNAM))('Tết %s in Vietnam is %s', (year, expected) => {
    expect(iso(lunarToSolar(Number(year), 1, 1))).toBe(expected);
    const [y, m, d] = expected.split('-').map(Number) as [number, number, number];
    expect(solarToLunar(y, m, d)).toEqual({ year: Number(year), month: 1, day: 1, leap: false });
  });

  it.each(Object.entries(TET_CHINA))('with UTC+8 the year %s begins on %s (Chinese calendar)', (year, expected) => {
    expect(iso(lunarToSolar(Number(year), 1, 1, false, 8))).toBe(expected);
  });

  it('1985: Vietnam (21 Jan) and China (20 Feb) a whole month apart', () => {
    expect(iso(lunarToSolar(1985, 1, 1))).toBe('1985-01-21');
    expect(iso(lunarToSolar(1985, 1, 1, false, 8))).toBe('1985-02-20');
    // Ho Ngọc Đức's worked example: month 11 of 1984 runs 23 Nov – 21 Dec 1984 in Vietnam,
    // 1984 has no leap month in Vietnam (China: leap 10), 1985 a leap month 2 from 21 Mar to 19 Apr.
    expect(iso(lunarToSolar(1984, 11, 1))).toBe('1984-11-23');
    expect(lunarMonthLength(1984, 11)).toBe(29);
    expect(leapMonthOf(1984)).toBe(0);
    expect(leapMonthOf(1984, 8)).toBe(10);
    expect(leapMonthOf(1985)).toBe(2);
    expect(iso(lunarToSolar(1985, 2, 1, true))).toBe('1985-03-21');
    expect(lunarMonthLength(1985, 2, true)).toBe(30);
  });
});

describe('leap months', () => {
  const LEAP: Record<number, number> = {
    2001: 4,
    2004: 2,
    2006: 7,
    2009: 5,
    2012: 4,
    2014: 9,
    2017: 6,
    2020: 4,
    2023: 2,
    2025: 6,
    2028: 5,
    2031: 3,
    2033: 11,
  };
  it('every year 2000–2035 has the published leap month, or none', () => {
    for (let year = 2000; year <= 2035; year++) expect([year, leapMonthOf(year)]).toEqual([year, LEAP[year] ?? 0]);
  });

  it('2025 has a leap 6th month from 25 July to 22 August', () => {
    expect(solarToLunar(2025, 7, 24)).toEqual({ year: 2025, month: 6, day: 30, leap: false });
    expect(solarToLunar(2025, 7, 25)).toEqual({ year: 2025, month: 6, day: 1, leap: true });
    expect(solarToLunar(2025, 8, 22)).toEqual({ year: 2025, month: 6, day: 29, leap: true });
    expect(solarToLunar(2025, 8, 23)).toEqual({ year: 2025, month: 7, day: 1, leap: false });
  });

  it('2033: the leap month is an 11th month, in the old lunar year', () => {
    const leap11 = lunarToSolar(2033, 11, 1, true);
    expect(solarToLunar(leap11.y, leap11.m, leap11.d)).toEqual({ year: 2033, month: 11, day: 1, leap: true });
    expect(leap11.y === 2033 || leap11.y === 2034).toBe(true);
  });

  it('1987 shows a UTC+7 leap month (7) different from UTC+8 (6)', () => {
    expect(leapMonthOf(1987)).toBe(7);
    expect(leapMonthOf(1987, 8)).toBe(6);
  });
});

describe('known lunar festivals', () => {
  it.each([
    [2019, '2019-04-14'],
    [2020, '2020-04-02'],
    [2021, '2021-04-21'],
    [2022, '2022-04-10'],
    [2023, '2023-04-29'],
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('Hùng Kings (10/3) %i is %s', (year, expected) => {
    expect(iso(lunarToSolar(year, 3, 10))).toBe(expected);
  });

  it.each([
    [2022, '2022-09-10'],
    [2023, '2023-09-29'],
    [2024, '2024-09-17'],
    [2025, '2025-10-06'],
  ])('Mid-Autumn (15/8) %i is %s', (year, expected) => {
    expect(iso(lunarToSolar(year, 8, 15))).toBe(expected);
  });

  it('the lunar year Giáp Thìn ends on 29 tháng Chạp (no "30 Tết" in 2025)', () => {
    expect(solarToLunar(2025, 1, 28)).toEqual({ year: 2024, month: 12, day: 29, leap: false });
    expect(lunarMonthLength(2024, 12)).toBe(29);
  });
});

describe('solar ↔ lunar consistency, every day 1900-01-01 … 2100-12-31', () => {
  it('round-trips and advances one lunar day per solar day', () => {
    const first = dayNumberFromYmd(1900, 1, 1);
    const last = dayNumberFromYmd(2100, 12, 31);
    let previous = solarToLunar(1900, 1, 1);
    let monthLength = 0;
    let monthsInYear = 0;
    for (let day = first; day <= last; day++) {
      const { y, m, d } = ymdFromDayNumber(day);
      const lunar = solarToLunar(y, m, d);
      const back = lunarToSolar(lunar.year, lunar.month, lunar.day, lunar.leap);
      if (back.y !== y || back.m !== m || back.d !== d) throw new Error(`round trip failed for ${y}-${m}-${d}`);
      if (day === first) continue;
      if (lunar.day === 1) {
        if (monthLength !== 0 && monthLength !== 29 && monthLength !== 30)
          throw new Error(`month of ${monthLength} days before ${y}-${m}-${d}`);
        monthLength = 1;
        const expectedMonth = lunar.leap ? previous.month : (previous.month % 12) + 1;
        if (lunar.month !== expectedMonth) throw new Error(`month ${lunar.month} after ${previous.month} at ${y}-${m}-${d}`);
        if (lunar.month === 1 && !lunar.leap) {
          if (lunar.year !== previous.year + 1) throw new Error(`year did not advance at ${y}-${m}-${d}`);
          if (monthsInYear !== 0 && monthsInYear !== 12 && monthsInYear !== 13) throw new Error(`${monthsInYear} months before ${y}`);
          monthsInYear = 1;
        } else {
          if (lunar.year !== previous.year) throw new Error(`year changed mid-year at ${y}-${m}-${d}`);
          if (monthsInYear > 0) monthsInYear++;
        }
      } else {
        if (lunar.day !== previous.day + 1 || lunar.month !== previous.month || lunar.leap !== previous.leap) {
          throw new Error(`lunar day did not advance at ${y}-${m}-${d}`);
        }
        if (monthLength > 0) monthLength++;
      }
      previous = lunar;
    }
  });

  it('rejects dates that do not exist or lie outside 1900–2100', () => {
    expect(() => lunarToSolar(2024, 5, 1, true)).toThrow(RangeError);
    expect(() => lunarToSolar(2024, 12, 30)).toThrow(RangeError);
    expect(() => solarToLunar(1899, 12, 31)).toThrow(RangeError);
    expect(() => solarToLunar(2101, 1, 1)).toThrow(RangeError);
    expect(() => solarToLunar(2025, 2, 29)).toThrow(RangeError);
  });
});
