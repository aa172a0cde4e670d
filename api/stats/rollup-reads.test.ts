import { describe, expect, it } from 'vitest';
import { dayPeriod } from './day-period.ts';
import { splitPeriod, type PeriodParts } from './rollup-reads.ts';

const parts = (from: string, to: string) => splitPeriod(dayPeriod(from, to));
const none: PeriodParts = { years: null, months: [], days: [] };

describe('splitPeriod: whole years, then whole months, from the coarser rollups; the edges from days', () => {
  it('a calendar year is one yearly row per group', () => {
    expect(parts('2025-01-01', '2025-12-31')).toEqual({ ...none, years: { from: '2025', to: '2025' } });
  });
  it('ragged edges on both sides of whole months', () => {
    expect(parts('2025-01-15', '2025-04-10')).toEqual({
      ...none,
      months: [{ from: '2025-02', to: '2025-03' }],
      days: [
        { from: '2025-01-15', to: '2025-01-31' },
        { from: '2025-04-01', to: '2025-04-10' },
      ],
    });
  });
  it('February of a leap year ends on the 29th', () => {
    expect(parts('2024-02-01', '2024-02-29')).toEqual({ ...none, months: [{ from: '2024-02', to: '2024-02' }] });
    expect(parts('2024-02-01', '2024-02-28').months).toEqual([]);
  });
  it('a period inside one month, or spanning a month end without a whole month, reads days only', () => {
    expect(parts('2025-10-01', '2025-10-30')).toEqual({ ...none, days: [{ from: '2025-10-01', to: '2025-10-30' }] });
    expect(parts('2025-10-20', '2025-11-19')).toEqual({ ...none, days: [{ from: '2025-10-20', to: '2025-11-19' }] });
  });
  it('across a year end without a whole year: months and days', () => {
    expect(parts('2025-12-01', '2026-01-31')).toEqual({ ...none, months: [{ from: '2025-12', to: '2026-01' }] });
    expect(parts('2025-11-30', '2026-01-01')).toEqual({
      ...none,
      months: [{ from: '2025-12', to: '2025-12' }],
      days: [
        { from: '2025-11-30', to: '2025-11-30' },
        { from: '2026-01-01', to: '2026-01-01' },
      ],
    });
  });
  it('whole years with months and days on both sides', () => {
    expect(parts('2023-03-17', '2025-02-02')).toEqual({
      years: { from: '2024', to: '2024' },
      months: [
        { from: '2023-04', to: '2023-12' },
        { from: '2025-01', to: '2025-01' },
      ],
      days: [
        { from: '2023-03-17', to: '2023-03-31' },
        { from: '2025-02-01', to: '2025-02-02' },
      ],
    });
    expect(parts('2023-01-01', '2025-01-31')).toEqual({
      ...none,
      years: { from: '2023', to: '2024' },
      months: [{ from: '2025-01', to: '2025-01' }],
    });
  });
  it('every day of a period is covered exactly once', () => {
    const next = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    for (const [from, to] of [
      ['2023-03-17', '2025-02-02'],
      ['2024-01-31', '2024-03-01'],
      ['2025-06-01', '2025-06-01'],
      ['2022-12-31', '2025-01-01'],
      ['2024-01-01', '2025-12-30'],
    ] as const) {
      const p = parts(from, to);
      const covered: string[] = [];
      for (const d of p.days) for (let x = d.from; x <= d.to; x = next(x)) covered.push(x);
      for (const m of p.months) for (let x = `${m.from}-01`; x.slice(0, 7) <= m.to; x = next(x)) covered.push(x);
      if (p.years) for (let x = `${p.years.from}-01-01`; x.slice(0, 4) <= p.years.to; x = next(x)) covered.push(x);
      const expected: string[] = [];
      for (let x: string = from; x <= to; x = next(x)) expected.push(x);
      expect(covered.sort(), `${from}..${to}`).toEqual(expected);
    }
  });
});
