import { describe, expect, test } from 'vitest';
import { csvFilename, toCsv } from './csv.ts';

describe('CSV', () => {
  test('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(
      toCsv([
        ['Đơn vị', 'a,b', 'say "hi"', null, 3],
        ['=1+1', '-x', 1.5, true, ''],
      ]),
    ).toBe('Đơn vị,"a,b","say ""hi""",,3\r\n\'=1+1,\'-x,1.5,true,\r\n');
  });

  test('file names are ASCII', () => {
    expect(csvFilename('Số liệu theo đơn vị', '2025-11-01_2025-11-30')).toBe('so-lieu-theo-don-vi-2025-11-01_2025-11-30.csv');
  });
});
