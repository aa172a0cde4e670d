import { expect, test } from 'vitest';
import { isOtherAccount } from './identity.ts';

test('another account on the page is told apart; the same one written differently is not', () => {
  expect(isOtherAccount('chuyenvien2', 'chuyenvien1')).toBe(true);
  expect(isOtherAccount(' ChuyenVien1 ', 'chuyenvien1')).toBe(false);
  expect(isOtherAccount('Lê\u0301', 'lế')).toBe(false);
  // Nothing to compare: not a mismatch (the server decides from the configured accounts).
  expect(isOtherAccount(null, 'chuyenvien1')).toBe(false);
  expect(isOtherAccount('chuyenvien2', null)).toBe(false);
});
