import { describe, expect, it } from 'vitest';
import { addWorkingTime, dueAfter, isWorkingDay, nextWorkingMoment, workingSecondsBetween } from './working-time.ts';

const vn = (s: string) => new Date(`${s}+07:00`);
const H = 3600;

describe('interim working-time calendar', () => {
  it('skips lunch, nights and weekends', () => {
    expect(addWorkingTime(vn('2025-11-20T10:30:00'), 2 * H)).toEqual(vn('2025-11-20T14:30:00'));
    expect(addWorkingTime(vn('2025-11-21T16:00:00'), 2 * H)).toEqual(vn('2025-11-24T08:00:00'));
    expect(addWorkingTime(vn('2025-11-22T10:00:00'), 1 * H)).toEqual(vn('2025-11-24T08:00:00'));
  });

  it('subtracts too, and measures working time between two instants', () => {
    const a = vn('2025-11-24T08:00:00');
    expect(addWorkingTime(a, -2 * H)).toEqual(vn('2025-11-21T16:00:00'));
    expect(workingSecondsBetween(vn('2025-11-21T16:00:00'), a)).toBe(2 * H);
    expect(workingSecondsBetween(a, vn('2025-11-21T16:00:00'))).toBe(-2 * H);
  });

  it('knows the 2025 and 2026 days off and the swapped Saturdays', () => {
    expect(isWorkingDay(vn('2025-01-29T09:00:00'))).toBe(false); // Tết 2025
    expect(isWorkingDay(vn('2025-05-02T09:00:00'))).toBe(false);
    expect(isWorkingDay(vn('2025-04-26T09:00:00'))).toBe(true); // Saturday worked for 2 May
    expect(isWorkingDay(vn('2026-02-18T09:00:00'))).toBe(false); // Tết 2026
    expect(isWorkingDay(vn('2026-08-22T09:00:00'))).toBe(true);
    expect(isWorkingDay(vn('2026-08-31T09:00:00'))).toBe(false);
    // Friday 13 Feb 2026 + 1 working day skips the whole Tết week.
    expect(addWorkingTime(vn('2026-02-13T09:00:00'), 8 * H)).toEqual(vn('2026-02-23T09:00:00'));
  });

  it('computes due dates in working or calendar days', () => {
    expect(dueAfter(vn('2025-11-20T09:30:00'), 10 * 8, 'working_days')).toEqual(vn('2025-12-04T09:30:00'));
    // 15 calendar days from a Thursday land on a Friday, a working day.
    expect(dueAfter(vn('2025-11-20T09:30:00'), 15 * 24, 'calendar_days')).toEqual(vn('2025-12-05T09:30:00'));
    // Landing on a Sunday moves to Monday morning.
    expect(dueAfter(vn('2025-11-21T09:30:00'), 2 * 24, 'calendar_days')).toEqual(vn('2025-11-24T07:00:00'));
    expect(nextWorkingMoment(vn('2025-11-20T12:00:00'))).toEqual(vn('2025-11-20T13:30:00'));
  });
});
