import { describe, expect, test } from 'vitest';
import { parseLocalDate } from './parse-date.ts';

describe('parseLocalDate', () => {
  test('reads dd/MM/yyyy HH:mm as Vietnam time', () => {
    expect(parseLocalDate('20/11/2025 14:30', 'dd/MM/yyyy HH:mm')).toBe('2025-11-20T07:30:00.000Z');
  });
  test('finds the date inside a longer label', () => {
    expect(parseLocalDate('Tiếp nhận: 01/02/2026 08:00, hẹn trả: 15/02/2026 17:00', 'hẹn trả: dd/MM/yyyy HH:mm')).toBe(
      '2026-02-15T10:00:00.000Z',
    );
  });
  test('a date alone is local midnight', () => {
    expect(parseLocalDate('05/01/2026', 'dd/MM/yyyy')).toBe('2026-01-04T17:00:00.000Z');
  });
  test('rejects impossible dates and other shapes', () => {
    expect(parseLocalDate('31/02/2026 10:00', 'dd/MM/yyyy HH:mm')).toBeNull();
    expect(parseLocalDate('2026-02-01 10:00', 'dd/MM/yyyy HH:mm')).toBeNull();
    expect(parseLocalDate('10/13/2026 10:00', 'dd/MM/yyyy HH:mm')).toBeNull();
  });
});
