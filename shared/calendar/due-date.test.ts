import { describe, expect, it } from 'vitest';
import { DAY_MS } from './civil-date.ts';
import { createCalendar } from './calendar.ts';
import { DEFAULT_CALENDAR } from './default-calendar.ts';

const at = (local: string) => Date.parse(`${local}:00+07:00`);
const c = DEFAULT_CALENDAR;

describe('dueDate in working days', () => {
  it('keeps the position within the day: received Monday 09:00 → Tuesday 09:00 (1), next-but-one Monday (10)', () => {
    expect(c.dueDate(at('2025-03-03T09:00'), 1, 'working_days')).toBe(at('2025-03-04T09:00'));
    expect(c.dueDate(at('2025-03-03T09:00'), 10, 'working_days')).toBe(at('2025-03-17T09:00'));
    expect(c.dueDate(at('2025-03-07T16:00'), 2, 'working_days')).toBe(at('2025-03-11T16:00'));
  });

  it('receipt before opening counts from that morning: due at the end of the N-th working day', () => {
    expect(c.dueDate(at('2025-03-03T06:00'), 1, 'working_days')).toBe(at('2025-03-03T17:00'));
    expect(c.dueDate(at('2025-03-03T07:30'), 3, 'working_days')).toBe(at('2025-03-05T17:00'));
  });

  it('receipt after closing time counts from the next working morning', () => {
    expect(c.dueDate(at('2025-03-03T18:00'), 1, 'working_days')).toBe(at('2025-03-04T17:00'));
    expect(c.dueDate(at('2025-03-07T17:30'), 1, 'working_days')).toBe(at('2025-03-10T17:00'));
    // Received on a Saturday: as if received Monday 07:30.
    expect(c.dueDate(at('2025-03-08T10:00'), 2, 'working_days')).toBe(at('2025-03-11T17:00'));
  });

  it('receipt during lunch counts from the afternoon (due is the equivalent end of the morning)', () => {
    const due = c.dueDate(at('2025-03-03T12:00'), 1, 'working_days');
    expect(due).toBe(at('2025-03-04T11:30'));
    expect(c.workingSecondsBetween(due, at('2025-03-04T13:30'))).toBe(0);
    expect(c.workingSecondsBetween(at('2025-03-03T13:30'), due)).toBe(7.5 * 3600);
  });

  it('skips holidays and counts make-up days (Tết 2026; Sat 26 Apr 2025)', () => {
    expect(c.dueDate(at('2026-02-13T10:00'), 1, 'working_days')).toBe(at('2026-02-23T10:00'));
    expect(c.dueDate(at('2025-04-25T10:00'), 1, 'working_days')).toBe(at('2025-04-26T10:00'));
    expect(c.dueDate(at('2025-04-29T10:00'), 1, 'working_days')).toBe(at('2025-05-05T10:00'));
  });

  it('fractions are pro rata of the day: half a day from 07:30 is 11:15 with 7.5 h days', () => {
    expect(c.addWorkingDays(at('2025-03-03T07:30'), 0.5)).toBe(at('2025-03-03T11:15'));
    expect(c.workingDaysBetween(at('2025-03-03T07:30'), at('2025-03-04T11:15'))).toBeCloseTo(1.5, 12);
  });

  it('addWorkingDays and workingDaysBetween are inverse (seeded random instants)', () => {
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 3000; i++) {
      const from = at('2024-01-01T00:00') + Math.floor(next() * 3 * 365 * DAY_MS);
      const days = Math.round(next() * 40 * 8) / 8;
      const due = c.addWorkingDays(from, days);
      expect(c.workingDaysBetween(from, due)).toBeCloseTo(days, 6);
    }
  });
});

describe('dueDate in allotment hours (1 working day = hoursPerWorkingDay hours)', () => {
  it('8 hours is one working day, so step allotments add up to the procedure total', () => {
    const received = at('2025-03-03T09:10');
    expect(c.dueDate(received, 8, 'working_hours')).toBe(c.dueDate(received, 1, 'working_days'));
    expect(c.dueDate(received, 80, 'working_hours')).toBe(c.dueDate(received, 10, 'working_days'));
    // Reception 4 h, examination 48 h, division head 8 h, agency head 8 h, return 12 h = 80 h.
    let t = received;
    for (const hours of [4, 48, 8, 8, 12]) t = c.dueDate(t, hours, 'working_hours');
    expect(t).toBe(c.dueDate(received, 10, 'working_days'));
  });

  it('honours a different hoursPerWorkingDay', () => {
    const c75 = createCalendar({ hoursPerWorkingDay: 7.5, versions: [{ validFrom: '2000-01-01' }] });
    expect(c75.dueDate(at('2025-03-03T07:30'), 7.5, 'working_hours')).toBe(at('2025-03-03T17:00'));
  });
});

describe('dueDate in calendar days', () => {
  it('adds N × 24 h from the first working instant when that lands on a working day', () => {
    expect(c.dueDate(at('2025-03-05T10:00'), 1, 'calendar_days')).toBe(at('2025-03-06T10:00'));
    expect(c.dueDate(at('2025-03-03T10:00'), 15, 'calendar_days')).toBe(at('2025-03-18T10:00'));
    // Received after hours on Friday: counts from Monday 07:30.
    expect(c.dueDate(at('2025-03-07T18:00'), 2, 'calendar_days')).toBe(at('2025-03-12T07:30'));
  });

  it('a due date on a day off moves to the end of the next working day', () => {
    expect(c.dueDate(at('2025-03-03T10:00'), 5, 'calendar_days')).toBe(at('2025-03-10T17:00'));
    // Into Tết 2026 (Sun 15 Feb): next working day is Monday 23 Feb.
    expect(c.dueDate(at('2026-02-10T09:00'), 5, 'calendar_days')).toBe(at('2026-02-23T17:00'));
    // Onto Friday 2 May 2025, the swapped day off.
    expect(c.dueDate(at('2025-04-22T09:00'), 10, 'calendar_days')).toBe(at('2025-05-05T17:00'));
  });

  it('rejects negative or non-finite amounts', () => {
    expect(() => c.dueDate(at('2025-03-03T10:00'), -1, 'working_days')).toThrow(RangeError);
    expect(() => c.dueDate(at('2025-03-03T10:00'), Number.POSITIVE_INFINITY, 'calendar_days')).toThrow(RangeError);
  });
});
