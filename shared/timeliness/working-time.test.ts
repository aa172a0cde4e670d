import { describe, expect, it } from 'vitest';
import { allTimeClock } from '../custody/test-support.ts';
import { vn, vnOfficeClock, vnOfficeClockWithoutAdd } from './test-support.ts';
import { addWorkingSeconds, localDayNumber, localDayStart, subtractWorkingSeconds } from './working-time.ts';

const H = 3600;

describe('test clock', () => {
  it('counts 7.5 working hours a weekday and none at the weekend', () => {
    expect(vnOfficeClock.workingSecondsBetween(vn(0, 0), vn(1, 0))).toBe(7.5 * H);
    expect(vnOfficeClock.workingSecondsBetween(vn(5, 0), vn(7, 0))).toBe(0);
    expect(vnOfficeClock.workingSecondsBetween(vn(0, 11), vn(0, 14))).toBe(H);
  });
});

describe('addWorkingSeconds', () => {
  it.each([
    ['inside a shift', vn(0, 8), 2 * H, vn(0, 10)],
    ['across lunch', vn(0, 11), H, vn(0, 14)],
    ['to the end of a shift, not the start of the next', vn(0, 7, 30), 4 * H, vn(0, 11, 30)],
    ['from Friday afternoon over the weekend', vn(4, 16), 2 * H, vn(7, 8, 30)],
    ['from outside working time', vn(0, 20), 0.5 * H, vn(1, 8)],
  ])('%s', (_, from, seconds, expected) => {
    expect(addWorkingSeconds(vnOfficeClock, from, seconds)).toBe(expected);
    // Searching with workingSecondsBetween alone finds the same instant.
    expect(addWorkingSeconds(vnOfficeClockWithoutAdd, from, seconds)).toBe(expected);
  });

  it('adds nothing for zero seconds and elapsed time on an all-time clock', () => {
    expect(addWorkingSeconds(vnOfficeClockWithoutAdd, vn(0, 20), 0)).toBe(vn(0, 20));
    expect(addWorkingSeconds(allTimeClock, vn(0, 20), 90)).toBe(vn(0, 20) + 90_000);
  });

  it('gives up on a calendar with no working time at all', () => {
    expect(() => addWorkingSeconds({ workingSecondsBetween: () => 0 }, 0, 1)).toThrow(RangeError);
  });
});

describe('subtractWorkingSeconds', () => {
  it('finds the latest instant with that much working time before', () => {
    expect(subtractWorkingSeconds(vnOfficeClock, vn(0, 14), H)).toBe(vn(0, 11));
    expect(subtractWorkingSeconds(vnOfficeClock, vn(7, 8, 30), 2 * H)).toBe(vn(4, 16));
    expect(subtractWorkingSeconds(allTimeClock, 1_000_000, 10)).toBe(990_000);
    expect(subtractWorkingSeconds(vnOfficeClock, vn(0, 9), 0)).toBe(vn(0, 9));
  });
});

describe('local days', () => {
  it('puts 23:59 and 00:00 local (UTC+7) on different days', () => {
    expect(localDayNumber(vn(1, 0)) - localDayNumber(vn(0, 23, 59))).toBe(1);
    expect(localDayStart(localDayNumber(vn(0, 15)))).toBe(vn(0, 0));
    expect(localDayNumber(vn(0, 3), 0)).toBe(localDayNumber(vn(-1, 20), 0));
  });
});
