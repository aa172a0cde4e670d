/**
 * The statutory public days off of a year, computed from the Labour Code 2019, art. 112:
 * 1 January; Tết Nguyên đán (5 days around lunar 1/1); Hùng Kings' day (10/3 lunar);
 * 30 April; 1 May; 2 September plus one adjacent day; and, when one of these falls on a weekly
 * rest day, a compensatory day off on the next working day (art. 112(3)).
 *
 * These are defaults: each year the government publishes the actual table (known-schedules.ts),
 * which replaces the computed days of every holiday it names (day-rules.ts).
 */
import { dayNumberFromYmd, formatIsoDate, weekdayOf, ymdFromDayNumber } from './civil-date.ts';
import { defaultHolidayOptions } from './defaults.ts';
import { lunarToSolar, solarToLunar } from './lunar.ts';
import type { HolidayKey, HolidayOptions } from './types.ts';

export interface ComputedHoliday {
  date: string;
  /** Local day number (days since 1970-01-01). */
  day: number;
  name: string;
  holiday: HolidayKey;
  compensatory: boolean;
}

export const HOLIDAY_NAMES: Record<HolidayKey, string> = {
  new_year: 'Tết Dương lịch',
  tet: 'Tết Nguyên đán',
  hung_kings: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)',
  victory_day: 'Ngày Chiến thắng (30/4)',
  labour_day: 'Ngày Quốc tế Lao động (1/5)',
  national_day: 'Quốc khánh (2/9)',
};

type BaseHoliday = Omit<ComputedHoliday, 'date' | 'compensatory'>;

function tetDays(year: number, options: HolidayOptions): BaseHoliday[] {
  const first = lunarToSolar(year, 1, 1);
  const newYearDay = dayNumberFromYmd(first.y, first.m, first.d);
  const days: BaseHoliday[] = [];
  for (let offset = -options.tet.lastDaysOfOldYear; offset < options.tet.firstDaysOfNewYear; offset++) {
    const day = newYearDay + offset;
    const { y, m, d } = ymdFromDayNumber(day);
    const lunar = solarToLunar(y, m, d);
    const label = offset < 0 ? `${lunar.day} tháng Chạp` : `mùng ${lunar.day}`;
    days.push({ day, name: `${HOLIDAY_NAMES.tet} (${label})`, holiday: 'tet' });
  }
  return days;
}

function baseHolidays(year: number, options: HolidayOptions): BaseHoliday[] {
  const solar = (m: number, d: number, holiday: HolidayKey, name = HOLIDAY_NAMES[holiday]): BaseHoliday => ({
    day: dayNumberFromYmd(year, m, d),
    name,
    holiday,
  });
  const hung = lunarToSolar(year, 3, 10);
  const adjacent =
    options.nationalDayAdjacent === 'before'
      ? solar(9, 1, 'national_day', 'Quốc khánh (nghỉ liền kề, 1/9)')
      : solar(9, 3, 'national_day', 'Quốc khánh (nghỉ liền kề, 3/9)');
  const all: BaseHoliday[] = [
    solar(1, 1, 'new_year'),
    ...tetDays(year, options),
    { day: dayNumberFromYmd(hung.y, hung.m, hung.d), name: HOLIDAY_NAMES.hung_kings, holiday: 'hung_kings' },
    solar(4, 30, 'victory_day'),
    solar(5, 1, 'labour_day'),
    solar(9, 2, 'national_day'),
    adjacent,
  ];
  return all.sort((a, b) => a.day - b.day);
}

/** The computed days off of a Gregorian year, sorted by date. */
export function computeDefaultHolidays(year: number, options: HolidayOptions = defaultHolidayOptions()): ComputedHoliday[] {
  const base = baseHolidays(year, options);
  const result: ComputedHoliday[] = base.map((h) => ({ ...h, date: formatIsoDate(h.day), compensatory: false }));
  if (!options.compensate) return result;

  const rest = new Set(options.weeklyRestDays);
  const taken = new Set(base.map((h) => h.day));
  for (const h of base) {
    if (!rest.has(weekdayOf(h.day))) continue;
    // The next working day that is neither a rest day nor already off (e.g. 30/4 on Sunday
    // → 1/5 is itself a holiday → the compensatory day is 2/5).
    let day = h.day + 1;
    while (rest.has(weekdayOf(day)) || taken.has(day)) day++;
    taken.add(day);
    const name = `Nghỉ bù ${h.holiday === 'tet' ? HOLIDAY_NAMES.tet : h.name}`;
    result.push({ day, date: formatIsoDate(day), name, holiday: h.holiday, compensatory: true });
  }
  return result.sort((a, b) => a.day - b.day);
}
