import { describe, expect, test } from 'vitest';
import { addDays, previousPeriod, resolvePeriod, todayLocal, weekStart, weeksOf } from './period.ts';

describe('reporting periods', () => {
  test('today is the Vietnamese day, whatever UTC says', () => {
    // 17:30 UTC on 30 November is 00:30 on 1 December in Vietnam.
    expect(todayLocal(Date.parse('2025-11-30T17:30:00Z'))).toBe('2025-12-01');
    expect(todayLocal(Date.parse('2025-11-30T16:59:00Z'))).toBe('2025-11-30');
  });

  test('week, month and quarter run from their start to today', () => {
    expect(weekStart('2025-11-30')).toBe('2025-11-24');
    expect(resolvePeriod('week', '2025-11-26')).toEqual({ kind: 'week', from: '2025-11-24', to: '2025-11-26' });
    expect(resolvePeriod('month', '2025-11-26')).toEqual({ kind: 'month', from: '2025-11-01', to: '2025-11-26' });
    expect(resolvePeriod('quarter', '2025-11-26')).toEqual({ kind: 'quarter', from: '2025-10-01', to: '2025-11-26' });
    expect(resolvePeriod('custom', '2025-11-26', { from: '2025-01-01', to: '2025-01-31' })).toEqual({
      kind: 'custom',
      from: '2025-01-01',
      to: '2025-01-31',
    });
  });

  test('the comparison is the same stretch of the previous week, month or quarter', () => {
    expect(previousPeriod({ kind: 'week', from: '2025-11-24', to: '2025-11-26' })).toEqual({ from: '2025-11-17', to: '2025-11-19' });
    expect(previousPeriod({ kind: 'month', from: '2025-11-01', to: '2025-11-26' })).toEqual({ from: '2025-10-01', to: '2025-10-26' });
    // 31 March compares with February, which ends on the 28th.
    expect(previousPeriod({ kind: 'month', from: '2025-03-01', to: '2025-03-31' })).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(previousPeriod({ kind: 'quarter', from: '2025-10-01', to: '2025-11-26' })).toEqual({ from: '2025-07-01', to: '2025-08-26' });
    expect(previousPeriod({ kind: 'quarter', from: '2025-01-01', to: '2025-03-31' })).toEqual({ from: '2024-10-01', to: '2024-12-31' });
    expect(previousPeriod({ kind: 'quarter', from: '2025-01-01', to: '2025-02-28' })).toEqual({ from: '2024-10-01', to: '2024-11-30' });
    expect(previousPeriod({ kind: 'month', from: '2024-03-01', to: '2024-03-30' })).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(previousPeriod({ kind: 'custom', from: '2025-11-10', to: '2025-11-19' })).toEqual({ from: '2025-10-31', to: '2025-11-09' });
  });

  test('weekly trend: Monday-to-Sunday weeks, at least eight', () => {
    const weeks = weeksOf({ from: '2025-11-24', to: '2025-11-26' });
    expect(weeks).toHaveLength(8);
    expect(weeks.at(-1)).toEqual({ from: '2025-11-24', to: '2025-11-30' });
    expect(weeks[0]).toEqual({ from: addDays('2025-11-24', -49), to: addDays('2025-11-24', -43) });
    expect(weeksOf({ from: '2025-01-01', to: '2025-12-31' })).toHaveLength(26);
  });
});
