import { describe, expect, it } from 'vitest';
import { clockToMs, DAY_MS, formatIsoDate, localDayOf, localDayStartMs } from './civil-date.ts';
import { createCalendar } from './calendar.ts';
import { DEFAULT_CALENDAR } from './default-calendar.ts';
import type { WorkingCalendar } from './types.ts';

/** Local (UTC+7) wall-clock time to epoch ms. */
const at = (local: string) => Date.parse(`${local}:00+07:00`);
const HOUR = 3600;

/** A small deterministic PRNG (xorshift32) so failures reproduce. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

/** Independent reference: walk day by day, intersecting [from, to) with each day's shifts. */
function naiveWorkingSeconds(calendar: WorkingCalendar, from: number, to: number): number {
  let total = 0;
  for (let day = localDayOf(from); day <= localDayOf(to); day++) {
    const base = localDayStartMs(day);
    for (const shift of calendar.dayInfo(formatIsoDate(day)).shifts) {
      const start = Math.max(from, base + clockToMs(shift.start));
      const end = Math.min(to, base + clockToMs(shift.end));
      if (end > start) total += end - start;
    }
  }
  return total / 1000;
}

const c = DEFAULT_CALENDAR;

describe('workingSecondsBetween', () => {
  it('counts only shift time: lunch, nights and weekends are excluded', () => {
    expect(c.workingSecondsBetween(at('2025-03-03T07:30'), at('2025-03-03T17:00'))).toBe(7.5 * HOUR);
    expect(c.workingSecondsBetween(at('2025-03-03T11:00'), at('2025-03-03T14:00'))).toBe(1 * HOUR);
    expect(c.workingSecondsBetween(at('2025-03-03T11:45'), at('2025-03-03T13:15'))).toBe(0);
    expect(c.workingSecondsBetween(at('2025-03-03T16:00'), at('2025-03-04T08:30'))).toBe(2 * HOUR);
    // Friday 16:00 → Monday 08:00 across a weekend.
    expect(c.workingSecondsBetween(at('2025-03-07T16:00'), at('2025-03-10T08:00'))).toBe(1.5 * HOUR);
    // A whole ordinary week.
    expect(c.workingSecondsBetween(at('2025-03-03T00:00'), at('2025-03-10T00:00'))).toBe(37.5 * HOUR);
  });

  it('skips holidays and counts make-up Saturdays (2025: 30 Apr – 4 May off, Sat 26 Apr worked)', () => {
    expect(c.workingSecondsBetween(at('2025-04-25T00:00'), at('2025-05-06T00:00'))).toBe(
      (1 + 1 + 2 + 1) * 7.5 * HOUR, // Fri 25, Sat 26, Mon 28 + Tue 29, Mon 5
    );
    // Across Tết 2026 (Sat 14 – Sun 22 Feb): Friday afternoon to Monday morning after Tết.
    expect(c.workingSecondsBetween(at('2026-02-13T16:00'), at('2026-02-23T09:00'))).toBe(2.5 * HOUR);
  });

  it('is 0 for empty or reversed spans and additive over a split point', () => {
    expect(c.workingSecondsBetween(at('2025-03-03T09:00'), at('2025-03-03T09:00'))).toBe(0);
    expect(c.workingSecondsBetween(at('2025-03-04T09:00'), at('2025-03-03T09:00'))).toBe(0);
    const a = at('2024-12-20T10:17');
    const b = at('2025-02-11T15:41');
    const d = at('2026-01-05T08:03');
    expect(c.workingSecondsBetween(a, b) + c.workingSecondsBetween(b, d)).toBe(c.workingSecondsBetween(a, d));
  });

  it('matches the day-by-day reference on 2,000 random spans of up to 2 years (seeded)', () => {
    const next = random(20250101);
    const start = at('2023-06-01T00:00');
    for (let i = 0; i < 2000; i++) {
      const from = start + Math.floor(next() * 3 * 365 * DAY_MS);
      const to = from + Math.floor(next() ** 3 * 2 * 365 * DAY_MS);
      expect(c.workingSecondsBetween(from, to)).toBe(naiveWorkingSeconds(c, from, to));
    }
  });

  it('rejects non-instants and instants outside 1900–2100', () => {
    expect(() => c.workingSecondsBetween(Number.NaN, 0)).toThrow(RangeError);
    expect(() => c.workingSecondsBetween(0, Date.parse('2101-01-02T00:00:00Z'))).toThrow(RangeError);
  });
});

describe('addWorkingTime and nextWorkingInstant', () => {
  it('returns the earliest instant: the end of a shift, not the start of the next', () => {
    expect(c.addWorkingTime(at('2025-03-03T07:30'), 4 * HOUR)).toBe(at('2025-03-03T11:30'));
    expect(c.addWorkingTime(at('2025-03-03T07:30'), 4 * HOUR + 1)).toBe(at('2025-03-03T13:30') + 1000);
    expect(c.addWorkingTime(at('2025-03-03T12:00'), 1 * HOUR)).toBe(at('2025-03-03T14:30'));
    expect(c.addWorkingTime(at('2025-03-07T16:00'), 2 * HOUR)).toBe(at('2025-03-10T08:30'));
    expect(c.addWorkingTime(at('2025-03-03T09:00'), 0)).toBe(at('2025-03-03T09:00'));
    // 8 working hours from Friday 13 Feb 2026 09:00 cross the 9-day Tết break.
    expect(c.addWorkingTime(at('2026-02-13T09:00'), 8 * HOUR)).toBe(at('2026-02-23T09:30'));
    expect(() => c.addWorkingTime(0, -1)).toThrow(RangeError);
  });

  it('is the inverse of workingSecondsBetween (5,000 seeded random instants)', () => {
    const next = random(7);
    const start = at('2024-01-01T00:00');
    for (let i = 0; i < 5000; i++) {
      const from = start + Math.floor(next() * 3 * 365 * DAY_MS);
      const seconds = Math.floor(next() ** 2 * 200 * 7.5 * HOUR);
      const due = c.addWorkingTime(from, seconds);
      expect(c.workingSecondsBetween(from, due)).toBe(seconds);
      // Earliest: one millisecond less is not enough.
      if (seconds > 0) expect(c.workingSecondsBetween(from, due - 1)).toBeLessThan(seconds);
      // And the other way round, for an instant inside a shift.
      const to = c.nextWorkingInstant(from + Math.floor(next() * 60 * DAY_MS));
      expect(c.addWorkingTime(from, c.workingSecondsBetween(from, to))).toBeLessThanOrEqual(to);
      expect(c.workingSecondsBetween(c.addWorkingTime(from, c.workingSecondsBetween(from, to)), to)).toBe(0);
    }
  });

  it('nextWorkingInstant keeps an instant inside a shift and moves others to the next shift start', () => {
    expect(c.nextWorkingInstant(at('2025-03-03T09:00'))).toBe(at('2025-03-03T09:00'));
    expect(c.nextWorkingInstant(at('2025-03-03T07:30'))).toBe(at('2025-03-03T07:30'));
    expect(c.nextWorkingInstant(at('2025-03-03T06:00'))).toBe(at('2025-03-03T07:30'));
    expect(c.nextWorkingInstant(at('2025-03-03T11:30'))).toBe(at('2025-03-03T13:30'));
    expect(c.nextWorkingInstant(at('2025-03-03T17:00'))).toBe(at('2025-03-04T07:30'));
    expect(c.nextWorkingInstant(at('2025-03-07T20:00'))).toBe(at('2025-03-10T07:30'));
    expect(c.nextWorkingInstant(at('2025-04-29T18:00'))).toBe(at('2025-05-05T07:30'));
    expect(c.nextWorkingInstant(at('2025-04-25T18:00'))).toBe(at('2025-04-26T07:30'));
  });
});

describe('versions', () => {
  const v1 = { validFrom: '2000-01-01' };
  // From 2 June 2025 the unit works 07:00–11:30 and 13:30–17:00 and opens a Saturday-morning desk.
  const v2 = {
    validFrom: '2025-06-02',
    weekly: {
      mon: [
        { start: '07:00', end: '11:30' },
        { start: '13:30', end: '17:00' },
      ],
      tue: [
        { start: '07:00', end: '11:30' },
        { start: '13:30', end: '17:00' },
      ],
      wed: [
        { start: '07:00', end: '11:30' },
        { start: '13:30', end: '17:00' },
      ],
      thu: [
        { start: '07:00', end: '11:30' },
        { start: '13:30', end: '17:00' },
      ],
      fri: [
        { start: '07:00', end: '11:30' },
        { start: '13:30', end: '17:00' },
      ],
      sat: [{ start: '07:30', end: '11:30' }],
    },
  };
  const before = createCalendar({ versions: [v1] });
  const after = createCalendar({ versions: [v1, v2] });

  it('a day is computed with the version in force on that day', () => {
    expect(after.workingSecondsBetween(at('2025-05-26T00:00'), at('2025-06-02T00:00'))).toBe(37.5 * HOUR);
    expect(after.workingSecondsBetween(at('2025-06-02T00:00'), at('2025-06-09T00:00'))).toBe(5 * 8 * HOUR + 4 * HOUR);
    expect(after.workingSecondsBetween(at('2025-05-30T16:00'), at('2025-06-02T08:00'))).toBe(1 * HOUR + 1 * HOUR);
    expect(after.dayInfo('2025-06-07').shifts).toEqual([{ start: '07:30', end: '11:30' }]);
    expect(after.isWorkingDay('2025-05-31')).toBe(false);
  });

  it('adding a version never changes any span that ends before it (1,000 seeded spans)', () => {
    const next = random(99);
    const start = at('2023-01-01T00:00');
    const limit = at('2025-06-02T00:00');
    for (let i = 0; i < 1000; i++) {
      const from = start + Math.floor(next() * (limit - start));
      const to = from + Math.floor(next() * (limit - from));
      expect(after.workingSecondsBetween(from, to)).toBe(before.workingSecondsBetween(from, to));
    }
  });

  it('holidays still apply in the new version, and the Saturday desk does not change compensation', () => {
    expect(after.isWorkingDay('2025-09-02')).toBe(false);
    expect(after.isWorkingDay('2026-02-21')).toBe(false);
    expect(after.isWorkingDay('2026-08-22')).toBe(true);
    expect(after.dayInfo('2026-08-22').shifts).toEqual(v2.weekly.mon);
  });
});

describe('definition validation', () => {
  it('rejects overlapping shifts, unsorted versions and dates outside their year', () => {
    const overlapping = {
      validFrom: '2025-01-01',
      weekly: {
        mon: [
          { start: '07:30', end: '12:00' },
          { start: '11:00', end: '17:00' },
        ],
      },
    };
    expect(() => createCalendar({ versions: [overlapping] })).toThrow();
    expect(() => createCalendar({ versions: [{ validFrom: '2025-01-01' }, { validFrom: '2024-01-01' }] })).toThrow();
    const misplaced = { validFrom: '2025-01-01', overrides: { '2025': { daysOff: [{ date: '2026-01-02', name: 'x' }] } } };
    expect(() => createCalendar({ versions: [misplaced] })).toThrow();
    expect(() => c.dayInfo('2025-02-30')).toThrow(RangeError);
  });
});
