import { describe, expect, it } from 'vitest';
import { originPattern } from './origin-input.ts';

describe('originPattern', () => {
  it.each([
    ['motcua.khanhhoa.gov.vn', 'https://motcua.khanhhoa.gov.vn/*'],
    ['https://motcua.khanhhoa.gov.vn/dvc/xu-ly?x=1', 'https://motcua.khanhhoa.gov.vn/*'],
    ['http://10.0.0.5:8080/motcua/', 'http://10.0.0.5:8080/*'],
    ['  dichvucong.tinh.gov.vn  ', 'https://dichvucong.tinh.gov.vn/*'],
  ])('%s → %s', (input, pattern) => expect(originPattern(input)).toBe(pattern));

  it.each(['', 'javascript:alert(1)', 'file:///etc/passwd', 'ftp://x.vn', 'https://user:pw@x.vn', 'không phải địa chỉ'])(
    'refuses %s',
    (input) => {
      expect(originPattern(input)).toBeNull();
    },
  );
});
