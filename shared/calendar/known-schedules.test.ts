import { describe, expect, it } from 'vitest';
import { dayNumberFromYmd, formatIsoDate, weekdayIndex } from './civil-date.ts';
import { createCalendar } from './calendar.ts';
import { DEFAULT_CALENDAR } from './default-calendar.ts';

/** Every day of a year where the calendar departs from "Monday–Friday work, weekend off". */
function departures(calendar: typeof DEFAULT_CALENDAR, year: number) {
  const offWeekdays: string[] = [];
  const workedWeekendDays: string[] = [];
  for (let day = dayNumberFromYmd(year, 1, 1); day < dayNumberFromYmd(year + 1, 1, 1); day++) {
    const date = formatIsoDate(day);
    const weekend = weekdayIndex(day) === 0 || weekdayIndex(day) === 6;
    const working = calendar.isWorkingDay(date);
    if (!weekend && !working) offWeekdays.push(date);
    if (weekend && working) workedWeekendDays.push(date);
  }
  return { offWeekdays, workedWeekendDays };
}

describe('published days-off tables (DOMAIN.md), whole years', () => {
  it('2025: Tết 27–31 Jan, Hùng Kings 7 Apr, 30 Apr–4 May with Sat 26 Apr worked, 1–2 Sep; 1 Jan computed', () => {
    expect(departures(DEFAULT_CALENDAR, 2025)).toEqual({
      offWeekdays: [
        '2025-01-01',
        '2025-01-27',
        '2025-01-28',
        '2025-01-29',
        '2025-01-30',
        '2025-01-31',
        '2025-04-07',
        '2025-04-30',
        '2025-05-01',
        '2025-05-02',
        '2025-09-01',
        '2025-09-02',
      ],
      workedWeekendDays: ['2025-04-26'],
    });
  });

  it('2025: the published Tết replaces the computed one, including its compensatory Monday 3 Feb', () => {
    expect(DEFAULT_CALENDAR.dayInfo('2025-02-03')).toEqual({
      date: '2025-02-03',
      working: true,
      shifts: [
        { start: '07:30', end: '11:30' },
        { start: '13:30', end: '17:00' },
      ],
    });
    expect(DEFAULT_CALENDAR.dayInfo('2025-01-27').holidayName).toBe('Tết Nguyên đán');
  });

  it('2025: the make-up Saturday works a full day and says why', () => {
    expect(DEFAULT_CALENDAR.dayInfo('2025-04-26')).toEqual({
      date: '2025-04-26',
      working: true,
      shifts: [
        { start: '07:30', end: '11:30' },
        { start: '13:30', end: '17:00' },
      ],
      note: 'Làm bù cho thứ Sáu 2/5/2025',
    });
    for (const date of ['2025-05-02', '2025-05-03', '2025-05-04']) {
      expect(DEFAULT_CALENDAR.dayInfo(date).holidayName).toMatch(/^Nghỉ lễ Ngày Chiến thắng 30\/4/);
    }
  });

  it('2026: Tết Sat 14 – Sun 22 Feb, Hùng Kings observed Mon 27 Apr, 29 Aug – 2 Sep with Sat 22 Aug worked', () => {
    expect(departures(DEFAULT_CALENDAR, 2026)).toEqual({
      offWeekdays: [
        '2026-01-01',
        '2026-02-16',
        '2026-02-17',
        '2026-02-18',
        '2026-02-19',
        '2026-02-20',
        '2026-04-27',
        '2026-04-30',
        '2026-05-01',
        '2026-08-31',
        '2026-09-01',
        '2026-09-02',
      ],
      workedWeekendDays: ['2026-08-22'],
    });
    for (let d = 14; d <= 22; d++) {
      const info = DEFAULT_CALENDAR.dayInfo(`2026-02-${d}`);
      expect([info.working, info.holidayName]).toEqual([false, 'Tết Nguyên đán']);
    }
    expect(DEFAULT_CALENDAR.dayInfo('2026-04-27').holidayName).toBe('Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)');
    expect(DEFAULT_CALENDAR.dayInfo('2026-08-22').note).toBe('Làm bù cho thứ Hai 31/8/2026');
    expect(DEFAULT_CALENDAR.dayInfo('2026-08-29').holidayName).toBe('Nghỉ lễ Quốc khánh 2/9');
  });

  it('without the published tables the computed defaults apply (2025: Tết 28 Jan – 1 Feb, 3 Feb compensatory)', () => {
    const computedOnly = createCalendar({ versions: [{ validFrom: '2000-01-01', holidays: { publishedSchedules: false } }] });
    expect(departures(computedOnly, 2025)).toEqual({
      offWeekdays: [
        '2025-01-01',
        '2025-01-28',
        '2025-01-29',
        '2025-01-30',
        '2025-01-31',
        '2025-02-03',
        '2025-04-07',
        '2025-04-30',
        '2025-05-01',
        '2025-09-01',
        '2025-09-02',
      ],
      workedWeekendDays: [],
    });
  });
});

describe('yearly overrides layered on computed and published days', () => {
  it('an admin table that names a holiday replaces the published one for it, and drops its make-up day', () => {
    const calendar = createCalendar({
      versions: [
        {
          validFrom: '2000-01-01',
          overrides: {
            '2025': {
              daysOff: [
                { date: '2025-04-30', name: 'Ngày Chiến thắng (30/4)', holiday: 'victory_day' },
                { date: '2025-05-01', name: 'Quốc tế Lao động (1/5)', holiday: 'labour_day' },
              ],
            },
          },
        },
      ],
    });
    expect(calendar.isWorkingDay('2025-05-02')).toBe(true);
    expect(calendar.isWorkingDay('2025-04-26')).toBe(false);
    // Holidays the admin table does not name keep the published days.
    expect(calendar.isWorkingDay('2025-01-27')).toBe(false);
    expect(calendar.isWorkingDay('2025-02-03')).toBe(true);
  });

  it('days off without a holiday key are added; working days win on their date', () => {
    const calendar = createCalendar({
      versions: [
        {
          validFrom: '2000-01-01',
          overrides: {
            '2025': {
              daysOff: [{ date: '2025-10-27', name: 'Nghỉ do bão' }],
              workingDays: [{ date: '2025-09-01', shifts: [{ start: '08:00', end: '11:00' }], note: 'Trực lễ' }],
            },
          },
        },
      ],
    });
    expect(calendar.dayInfo('2025-10-27')).toEqual({ date: '2025-10-27', working: false, shifts: [], holidayName: 'Nghỉ do bão' });
    expect(calendar.dayInfo('2025-09-01')).toEqual({
      date: '2025-09-01',
      working: true,
      shifts: [{ start: '08:00', end: '11:00' }],
      note: 'Trực lễ',
    });
    expect(calendar.isWorkingDay('2025-09-02')).toBe(false);
  });

  it('computed holidays can be switched off entirely', () => {
    const calendar = createCalendar({ versions: [{ validFrom: '2000-01-01', holidays: { computed: false, publishedSchedules: false } }] });
    expect(calendar.isWorkingDay('2025-01-01')).toBe(true);
    expect(calendar.isWorkingDay('2025-09-02')).toBe(true);
  });
});
