import { expect, test } from 'vitest';
import { matchesPattern } from './match-url.ts';

test('match patterns compare scheme, host, port when given, and path', () => {
  expect(matchesPattern('http://127.0.0.1/*', 'http://127.0.0.1:8788/dvc/ho-so/1')).toBe(true);
  expect(matchesPattern('http://127.0.0.1:8788/*', 'http://127.0.0.1:8787/x')).toBe(false);
  expect(matchesPattern('https://*.khanhhoa.gov.vn/*', 'https://dvc.khanhhoa.gov.vn/a')).toBe(true);
  expect(matchesPattern('https://*.khanhhoa.gov.vn/*', 'https://khanhhoa.gov.vn.evil.com/a')).toBe(false);
  expect(matchesPattern('*://motcua.vn/xu-ly/*', 'http://motcua.vn/xu-ly/1?x=2')).toBe(true);
  expect(matchesPattern('*://motcua.vn/xu-ly/*', 'http://motcua.vn/khac')).toBe(false);
  expect(matchesPattern('<all_urls>', 'chrome-extension://abc/options.html')).toBe(false);
});
