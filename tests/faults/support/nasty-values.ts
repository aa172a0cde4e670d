import type { Prng } from '../../bench/support/prng.ts';

/** Strings that have broken parsers, databases and pages elsewhere: each is a family of bugs. */
export const NASTY_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  '\t\n\r',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '0x10',
  '1e309',
  '9'.repeat(400),
  "' OR '1'='1",
  "'; DROP TABLE events; --",
  '" OR 1=1 --',
  '1; SELECT pg_sleep(5)--',
  "\\'; --",
  '%27%20OR%201%3D1',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}',
  '${7*7}',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '/%2e%2e/%2e%2e/etc/passwd',
  '%00',
  'file:///etc/passwd',
  'C:\\con\\con',
  '\u202Eevil\u202C',
  '\u200B\u200C\u200D\uFEFF',
  'a\u0301',
  'Nguyê\u0303n',
  'Nguyễn',
  '\uD800',
  '\uDFFF',
  '\uD83D',
  '😀',
  '🏳️‍🌈',
  '𝕏𝕐',
  '\u0130\u0131',
  'ß',
  'ﬃ',
  'Ⅻ',
  '٣٤٥',
  '０００.００.１２.Ｈ３２-２５１１２０-０００１',
  '000.00.12.H32-251120-0001\u0000',
  '000.00.12.Н32-251120-0001',
  '000.00.12.H32-251120-0001\n',
  '000.00.12.H32-991399-0001',
  '000.00.12.H32-251120-00011',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '2025-02-30T10:00:00Z',
  '+275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '2025-13-01',
  '2025-01-01T25:61:61Z',
  'x'.repeat(10_000),
];

export const NASTY_NUMBERS: readonly number[] = [
  0,
  -0,
  -1,
  1,
  0.5,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31),
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  1e21,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_SAFE_INTEGER,
  8.64e15,
  8.64e15 + 1,
];

/** Deeply nested arrays or objects, as JSON text (never built as objects: that is the point). */
export function deepJson(rng: Prng, depth: number): string {
  if (rng.chance(0.5)) return '['.repeat(depth) + ']'.repeat(depth);
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Any JSON value, nasty more often than not, up to a small depth. */
export function nastyValue(rng: Prng, depth = 0): unknown {
  const r = rng.next();
  if (r < 0.35) return rng.pick(NASTY_STRINGS);
  if (r < 0.55) return rng.pick(NASTY_NUMBERS);
  if (r < 0.62) return rng.pick([true, false, null]);
  if (r < 0.75 && depth < 3) return Array.from({ length: rng.int(0, 4) }, () => nastyValue(rng, depth + 1));
  if (r < 0.88 && depth < 3) {
    const o: Record<string, unknown> = {};
    for (let i = rng.int(0, 4); i > 0; i--)
      o[rng.chance(0.3) ? rng.pick(['__proto__', 'constructor', 'prototype']) : rng.pick(NASTY_STRINGS).slice(0, 40)] = nastyValue(
        rng,
        depth + 1,
      );
    return o;
  }
  return rng.pick(NASTY_STRINGS).slice(0, rng.int(0, 50));
}

/** JSON text that keeps `__proto__` as a real key (JSON.stringify of an object literal would drop it). */
export function withProtoKeys(json: string, rng: Prng): string {
  const key = rng.pick(['"__proto__"', '"constructor"', '"prototype"']);
  const payload = rng.pick(['{"polluted":true}', '{"prototype":{"polluted":true}}', '"x"', '[1]']);
  return json.replace(/^\{/, `{${key}:${payload},`);
}
