import { describe, expect, it } from 'vitest';
import { dayPeriod } from './day-period.ts';
import { splitPeriod } from './rollup-reads.ts';

describe('splitPeriod: whole months from the monthly rollups, the edges from the daily ones', () => {
  it('a calendar year is twelve months and no days', () => {
    expect(splitPeriod(dayPeriod('2025-01-01', '2025-12-31'))).toEqual({ months: { from: '2025-01', to: '2025-12' }, days: [] });
  });
  it('ragged edges on both sides', () => {
    expect(splitPeriod(dayPeriod('2025-01-15', '2025-04-10'))).toEqual({
      months: { from: '2025-02', to: '2025-03' },
      days: [{ from: '2025-01-15', to: '2025-01-31' }, { from: '2025-04-01', to: '2025-04-10' }],
    });
  });
  it('February of a leap year ends on the 29th', () => {
    expect(splitPeriod(dayPeriod('2024-02-01', '2024-02-29'))).toEqual({ months: { from: '2024-02', to: '2024-02' }, days: [] });
    expect(splitPeriod(dayPeriod('2024-02-01', '2024-02-28')).months).toBeNull();
  });
  it('a period inside one month, or spanning a month end without a whole month, reads days only', () => {
    expect(splitPeriod(dayPeriod('2025-10-01', '2025-10-30'))).toEqual({ months: null, days: [{ from: '2025-10-01', to: '2025-10-30' }] });
    expect(splitPeriod(dayPeriod('2025-10-20', '2025-11-19'))).toEqual({ months: null, days: [{ from: '2025-10-20', to: '2025-11-19' }] });
  });
  it('across a year end', () => {
    expect(splitPeriod(dayPeriod('2025-12-01', '2026-01-31'))).toEqual({ months: { from: '2025-12', to: '2026-01' }, days: [] });
    expect(splitPeriod(dayPeriod('2025-11-30', '2026-01-01'))).toEqual({
      months: { from: '2025-12', to: '2025-12' },
      days: [{ from: '2025-11-30', to: '2025-11-30' }, { from: '2026-01-01', to: '2026-01-01' }],
    });
  });
  it('every day of a period is covered exactly once', () => {
    for (const [from, to] of [['2023-03-17', '2025-02-02'], ['2024-01-31', '2024-03-01'], ['2025-06-01', '2025-06-01']] as const) {
      const parts = splitPeriod(dayPeriod(from, to));
      const covered: string[] = [];
      const step = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      for (const d of parts.days) for (let x = d.from; x <= d.to; x = step(x)) covered.push(x);
      if (parts.months) for (let x = `${parts.months.from}-01`; x.slice(0, 7) <= parts.months.to; x = step(x)) covered.push(x);
      const expected: string[] = [];
      for (let x: string = from; x <= to; x = step(x)) expected.push(x);
      expect(covered.sort()).toEqual(expected);
    }
  });
});
