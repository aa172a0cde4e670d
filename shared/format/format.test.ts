import { describe, expect, test } from 'vitest';
import {
  dayToDisplay,
  displayToDay,
  formatActiveHours,
  formatDate,
  formatDateTime,
  formatDelta,
  formatDuration,
  formatHours,
  formatNumber,
  formatShare,
  formatWorkingHours,
} from './format.ts';

describe('formats', () => {
  test('dd/MM/yyyy HH:mm, 24-hour, in Asia/Ho_Chi_Minh', () => {
    expect(formatDateTime('2025-11-28T10:05:00Z')).toBe('28/11/2025 17:05');
    expect(formatDateTime('2025-11-28T20:00:00Z')).toBe('29/11/2025 03:00');
    expect(formatDate('2025-11-28T20:00:00Z')).toBe('29/11/2025');
    expect(formatDateTime(null)).toBe('—');
  });

  test('typed days are read as dd/mm/yyyy and must exist', () => {
    expect(displayToDay('5/3/2025')).toBe('2025-03-05');
    expect(displayToDay('31/02/2025')).toBeNull();
    expect(displayToDay('2025-03-05')).toBeNull();
    expect(dayToDisplay('2025-03-05')).toBe('05/03/2025');
  });

  test('shares and changes read without colour', () => {
    expect(formatShare(0.125, 'vi')).toBe('12,5 %');
    expect(formatShare(0.125, 'en')).toBe('12.5 %');
    expect(formatDelta(5, 3, 'vi', 'count')).toBe('▲ +2');
    expect(formatDelta(0.5, 0.75, 'en', 'points')).toBe('▼ −25 pp');
    expect(formatDelta(2, 2, 'vi', 'hours')).toBe('= 0');
    expect(formatDelta(0, 0, 'vi', 'count')).toBeNull();
    expect(formatDelta(1, null, 'vi', 'count')).toBeNull();
  });
});

describe('numbers and durations', () => {
  test('one decimal style per language: vi-VN commas, English points', () => {
    expect(formatNumber(1234.56, 'vi', 1)).toBe('1.234,6');
    expect(formatNumber(1234.56, 'en', 1)).toBe('1,234.6');
    expect(formatHours(7.6)).toBe('7,6');
    expect(formatHours(0)).toBe('0,0');
    expect(formatHours(124, 'en')).toBe('124.0');
    expect(formatWorkingHours(7.6)).toBe('7,6 giờ làm việc');
    expect(formatWorkingHours(7.6, 'en')).toBe('7.6 working hours');
    expect(formatActiveHours(0.42)).toBe('0,4 giờ thao tác');
    expect(formatNumber(null)).toBe('—');
  });

  test('durations and weeks', () => {
    expect(formatDuration(3900)).toBe('1 giờ 05 phút');
    expect(formatDuration(45, 'en')).toBe('45 s');
    // Thursday 04/12/2025 10:00 in Vietnam → Monday 01/12/2025 00:00 in Vietnam.
  });
});
