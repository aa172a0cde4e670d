import { describe, expect, it } from 'vitest';
import { defaultHolidayOptions } from './defaults.ts';
import { computeDefaultHolidays } from './holidays.ts';
import type { HolidayOptions } from './types.ts';

const dates = (year: number, options?: HolidayOptions) => computeDefaultHolidays(year, options).map((h) => h.date);
const compensatory = (year: number, options?: HolidayOptions) =>
  computeDefaultHolidays(year, options)
    .filter((h) => h.compensatory)
    .map((h) => h.date);

describe('computed statutory holidays', () => {
  it('2025: every statutory day, Tết = last day of Giáp Thìn (29 Chạp) + lunar 1–4, Saturday compensated', () => {
    expect(computeDefaultHolidays(2025).map((h) => [h.date, h.name])).toEqual([
      ['2025-01-01', 'Tết Dương lịch'],
      ['2025-01-28', 'Tết Nguyên đán (29 tháng Chạp)'],
      ['2025-01-29', 'Tết Nguyên đán (mùng 1)'],
      ['2025-01-30', 'Tết Nguyên đán (mùng 2)'],
      ['2025-01-31', 'Tết Nguyên đán (mùng 3)'],
      ['2025-02-01', 'Tết Nguyên đán (mùng 4)'],
      ['2025-02-03', 'Nghỉ bù Tết Nguyên đán'],
      ['2025-04-07', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'],
      ['2025-04-30', 'Ngày Chiến thắng (30/4)'],
      ['2025-05-01', 'Ngày Quốc tế Lao động (1/5)'],
      ['2025-09-01', 'Quốc khánh (nghỉ liền kề, 1/9)'],
      ['2025-09-02', 'Quốc khánh (2/9)'],
    ]);
  });

  it.each([
    [2019, '2019-04-14', ['2019-04-15']], // Sunday → Monday
    [2020, '2020-04-02', []],
    [2021, '2021-04-21', []],
    [2022, '2022-04-10', ['2022-04-11']], // Sunday → Monday
    [2023, '2023-04-29', ['2023-05-02']], // Saturday, and Monday 1/5 is itself a holiday → Tuesday
    [2024, '2024-04-18', []],
    [2026, '2026-04-26', ['2026-04-27']], // Sunday → Monday, as the government published
  ])('Hùng Kings %i on %s, compensated on %j', (year, day, comp) => {
    const hung = computeDefaultHolidays(year).filter((h) => h.holiday === 'hung_kings');
    expect(hung.filter((h) => !h.compensatory).map((h) => h.date)).toEqual([day]);
    expect(hung.filter((h) => h.compensatory).map((h) => h.date)).toEqual(comp);
  });

  it('2022: 30/4 Saturday and 1/5 Sunday give Monday 2 and Tuesday 3 May (as the government did)', () => {
    const days = computeDefaultHolidays(2022).filter((h) => h.holiday === 'victory_day' || h.holiday === 'labour_day');
    expect(days.map((h) => [h.date, h.compensatory])).toEqual([
      ['2022-04-30', false],
      ['2022-05-01', false],
      ['2022-05-02', true],
      ['2022-05-03', true],
    ]);
  });

  it('2023: compensatory days for 1/1 (Sunday), Tết (Sat 21 + Sun 22 Jan), Hùng Kings + 30/4 (Sat + Sun), 2/9 (Sat)', () => {
    // As published for 2023: 2 January; 2 and 3 May; 4 September (Tết 2023 was rearranged by table).
    expect(compensatory(2023)).toEqual(['2023-01-02', '2023-01-26', '2023-01-27', '2023-05-02', '2023-05-03', '2023-09-04']);
  });

  it('2024: Tết (Saturday 10 Feb) spanning a weekend compensates after the whole block', () => {
    expect(dates(2024).filter((d) => d.startsWith('2024-02'))).toEqual([
      '2024-02-09',
      '2024-02-10',
      '2024-02-11',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
      '2024-02-15',
    ]);
    expect(compensatory(2024)).toEqual(['2024-02-14', '2024-02-15', '2024-09-03']);
  });

  it('Tết length and position, the adjacent national day and compensation are configurable', () => {
    const options = defaultHolidayOptions();
    options.tet = { lastDaysOfOldYear: 2, firstDaysOfNewYear: 3 };
    options.nationalDayAdjacent = 'after';
    options.compensate = false;
    expect(dates(2025, options)).toEqual([
      '2025-01-01',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
      '2025-04-07',
      '2025-04-30',
      '2025-05-01',
      '2025-09-02',
      '2025-09-03',
    ]);
  });

  it('weekly rest days decide compensation (e.g. Sunday only)', () => {
    const options = defaultHolidayOptions();
    options.weeklyRestDays = ['sun'];
    // Tết 2025 block ends Saturday 1 Feb: no longer a rest day, so nothing to compensate.
    expect(compensatory(2025, options)).toEqual([]);
  });

  it('every year 1901–2099 yields 11 statutory days, compensatory days on working weekdays only', () => {
    for (let year = 1901; year <= 2099; year++) {
      const all = computeDefaultHolidays(year);
      expect(all.filter((h) => !h.compensatory)).toHaveLength(11);
      // Only 1947 has two holidays on one day (Hùng Kings on 30 April).
      expect(new Set(all.map((h) => h.date)).size).toBe(all.length - (year === 1947 ? 1 : 0));
      for (const h of all.filter((x) => x.compensatory)) {
        const weekday = new Date(`${h.date}T00:00:00Z`).getUTCDay();
        expect(weekday === 0 || weekday === 6).toBe(false);
      }
    }
  });
});
