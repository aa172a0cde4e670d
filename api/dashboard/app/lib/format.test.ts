import { describe, expect, test } from 'vitest';
import { csvFilename, toCsv } from './csv.ts';
import { dayToDisplay, displayToDay, formatDate, formatDateTime, formatDelta, formatShare } from './format.ts';

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

describe('CSV', () => {
  test('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(toCsv([['Đơn vị', 'a,b', 'say "hi"', null, 3], ['=1+1', '-x', 1.5, true, '']])).toBe('Đơn vị,"a,b","say ""hi""",,3\r\n\'=1+1,\'-x,1.5,true,\r\n');
  });

  test('file names are ASCII', () => {
    expect(csvFilename('Số liệu theo đơn vị', '2025-11-01_2025-11-30')).toBe('so-lieu-theo-don-vi-2025-11-01_2025-11-30.csv');
  });
});
