import { expect, test } from 'vitest';
import { findTextProblem, int32, safeText, textProblem } from './safe-text.ts';
import { dayOrInstantSchema, isCalendarDay } from './strict-dates.ts';

test('text both databases store as sent: no NUL, no lone surrogate; every valid character passes', () => {
  expect(textProblem('a\u0000b')).toMatch(/NUL/);
  expect(textProblem('\ud800')).toMatch(/surrogate/);
  expect(textProblem('x\udc00')).toMatch(/surrogate/);
  expect(textProblem('\udc00\ud800')).toMatch(/surrogate/);
  for (const ok of ['😀', '👩\u200d👧', '\u{10FFFF}', '\uFFFE\uFFFF', '\uFFFD', 'Nguyê\u0303n', ''])
    expect(textProblem(ok), JSON.stringify(ok)).toBeNull();
  expect(safeText({ min: 1, max: 3 }).safeParse('  ab  ').data).toBe('ab');
  expect(safeText().safeParse('a\u0000').success).toBe(false);
  expect(findTextProblem({ a: [{ b: 'ok' }, { c: 'x\ud800' }] })?.path).toEqual(['a', 1, 'c']);
  expect(findTextProblem({ 'k\u0000': 1 })?.path).toEqual(['k\u0000']);
});

test('integers within PostgreSQL integer', () => {
  expect(int32().safeParse(2_147_483_647).success).toBe(true);
  expect(int32().safeParse(2_147_483_648).success).toBe(false);
});

test('query dates are days that exist or ISO instants with an offset, within 1970–2999', () => {
  for (const bad of [
    '2024-13-45',
    '99999',
    '2024-02-30',
    '2025-00-10',
    '1969-12-31',
    '3000-01-01',
    '2025-1-1',
    '2025-11-01T00:00:00',
    'tomorrow',
  ]) {
    expect(dayOrInstantSchema.safeParse(bad).success, bad).toBe(false);
  }
  for (const good of ['2024-02-29', '2025-11-01', '2025-11-01T00:00:00+07:00', '2025-11-01T00:00:00Z'])
    expect(dayOrInstantSchema.safeParse(good).success, good).toBe(true);
  expect(isCalendarDay('2023-02-29')).toBe(false);
});
