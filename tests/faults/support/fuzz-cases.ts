import type { Prng } from '../../bench/support/prng.ts';
import { captureBurst, dossierCodes } from './capture.ts';
import { deepJson, nastyValue, NASTY_STRINGS, withProtoKeys } from './nasty-values.ts';

export type FuzzRequest = {
  family: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  expect?: number;
  events?: number;
};
export type FuzzContext = { tokens: string[]; knownIds: string[] };

const QUERY_ROUTES = [
  '/v1/stats/officials',
  '/v1/stats/units',
  '/v1/stats/units/{unit}/officials',
  '/v1/dossiers',
  '/v1/dossiers/{code}',
  '/v1/flags',
  '/v1/me/summary',
  '/v1/exports/units.csv',
  '/v1/exports/unit-officials.csv',
  '/v1/exports/dossiers.csv',
  '/v1/exports/flags.csv',
  '/v1/exports/events.xes',
  '/v1/exports/events.ocel.json',
  '/v1/inspections',
  '/v1/inspections/{id}',
  '/v1/admin/units',
  '/v1/admin/officials',
  '/v1/profiles',
  '/v1/auth/me',
  '/v1/{any}',
  '/{any}',
  '/healthz',
  '/readyz',
];
const PARAMS = [
  'from',
  'to',
  'unitId',
  'compare',
  'officialId',
  'status',
  'rule',
  'severity',
  'limit',
  'cursor',
  'offset',
  'q',
  'sort',
  'dir',
  'open',
  'since',
  'dossierCode',
  'page',
  'size',
  'format',
  '__proto__',
  'constructor',
];
const GOOD = {
  unit: ['000.00.12.H32', '000.31.05.H32', '000.00.00.H32'],
  code: dossierCodes(3),
  day: ['2025-11-01', '2025-11-30', '2024-02-29'],
};
const BROKEN_ESCAPES = ['%', '%zz', '%E0%A4%A', '%C0%AF', '%u0041', '%%32%65', '%2e%2e%2f', '%00', '%FF%FE'];

function text(rng: Prng): string {
  const v = rng.chance(0.7) ? rng.pick(NASTY_STRINGS) : rng.pick([...GOOD.unit, ...GOOD.code, ...GOOD.day]);
  return v.slice(0, rng.int(1, 3000));
}

/** Percent-encoding that also writes lone surrogates, as the (invalid) UTF-8 bytes they would be. */
function pct(v: string): string {
  let out = '';
  for (const ch of v) {
    const c = ch.charCodeAt(0);
    out +=
      ch.length === 1 && c >= 0xd800 && c <= 0xdfff
        ? `%ED%${(0xa0 | ((c >> 6) & 0x0f)).toString(16).toUpperCase()}%${(0x80 | (c & 0x3f)).toString(16).toUpperCase()}`
        : encodeURIComponent(ch);
  }
  return out;
}

/** A path segment or query value: well encoded, badly encoded, or raw. */
function encoded(rng: Prng, v: string): string {
  const r = rng.next();
  if (r < 0.6) return pct(v);
  if (r < 0.8) return pct(v) + rng.pick(BROKEN_ESCAPES);
  return v.replace(/[\s#?&\u0000-\u001f\u007f-\uffff]/g, (c) => pct(c));
}

function auth(rng: Prng, ctx: FuzzContext): Record<string, string> {
  const r = rng.next();
  if (r < 0.8) return { authorization: `Bearer ${rng.pick(ctx.tokens)}` };
  if (r < 0.85) return {};
  return {
    authorization: rng.pick([
      'Bearer',
      'Bearer ',
      'Bearer x',
      `Bearer ${'a'.repeat(4000)}`,
      'Basic YWRtaW46ZGVtbw==',
      "Bearer ' OR '1'='1",
      'bearer  x  y',
    ]),
  };
}

function mutate(rng: Prng, event: Record<string, unknown>): void {
  for (let n = rng.int(1, 3); n > 0; n--) {
    const nested = event.fields !== null && typeof event.fields === 'object' && !Array.isArray(event.fields);
    const target = nested && rng.chance(0.3) ? (event.fields as Record<string, unknown>) : event;
    const keys = Object.keys(target);
    const r = rng.next();
    if (r < 0.6 && keys.length) target[rng.pick(keys)] = nastyValue(rng);
    else if (r < 0.8 && keys.length) delete target[rng.pick(keys)];
    else target[rng.pick(['extra', 'name', 'citizenName', 'phone', 'toString', 'isAdmin', 'officialId'])] = nastyValue(rng);
  }
}

function ingestBody(rng: Prng, ctx: FuzzContext): { body: string; events?: number; family: string; expect?: number } {
  const events = captureBurst(rng, rng.int(1, 40), dossierCodes(5)) as unknown as Record<string, unknown>[];
  for (const e of events) {
    if (rng.chance(0.5)) mutate(rng, e);
    if (ctx.knownIds.length && rng.chance(0.1)) e.id = rng.pick(ctx.knownIds);
  }
  const sentAt = rng.chance(0.9) ? new Date().toISOString() : nastyValue(rng);
  const valid = typeof sentAt === 'string' && !Number.isNaN(Date.parse(sentAt)) && /T.*(Z|[+-]\d\d:\d\d)$/.test(sentAt);
  const r = rng.next();
  if (r < 0.55) {
    const json = JSON.stringify({ sentAt, events });
    return { body: rng.chance(0.15) ? withProtoKeys(json, rng) : json, events: valid ? events.length : undefined, family: 'ingest-events' };
  }
  if (r < 0.7)
    return {
      body: JSON.stringify({ sentAt, events: nastyValue(rng), [rng.pick(['__proto__', 'x', 'constructor'])]: nastyValue(rng) }),
      family: 'ingest-envelope',
    };
  if (r < 0.74)
    return {
      body: JSON.stringify({ sentAt: new Date().toISOString(), events: Array.from({ length: 1001 }, () => 0) }),
      family: 'ingest-too-many',
      expect: 413,
    };
  if (r < 0.76)
    return {
      body: JSON.stringify({ sentAt: new Date().toISOString(), events: ['x'.repeat(1_100_000)] }),
      family: 'ingest-oversized',
      expect: 413,
    };
  if (r < 0.82)
    return { body: `{"sentAt":"${new Date().toISOString()}","events":[${deepJson(rng, rng.int(100, 100_000))}]}`, family: 'ingest-deep' };
  const good = JSON.stringify({ sentAt: new Date().toISOString(), events: events.slice(0, 3) });
  const broken = [
    good.slice(0, rng.int(0, good.length - 1)),
    `\uFEFF${good}`,
    good.replace(/"/g, "'"),
    good.replace(/\]\}$/, ',]}'),
    '',
    'null',
    '[]',
    '"x"',
    '1e999',
    'NaN',
    '{',
    rng.pick(NASTY_STRINGS),
    Buffer.from(Array.from({ length: rng.int(1, 200) }, () => rng.int(0, 255))).toString('latin1'),
  ];
  return { body: rng.pick(broken), family: 'ingest-malformed' };
}

function query(rng: Prng): string {
  const parts: string[] = [];
  for (let n = rng.int(0, 4); n > 0; n--) parts.push(`${rng.pick(PARAMS)}=${encoded(rng, text(rng))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Usually JSON, sometimes a type a cross-site form would send, sometimes none or nonsense. */
function contentType(rng: Prng): Record<string, string> {
  const r = rng.next();
  if (r < 0.75) return { 'content-type': rng.pick(['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON']) };
  if (r < 0.9)
    return {
      'content-type': rng.pick([
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/jsonx',
        'json',
      ]),
    };
  return {};
}

/**
 * Bodies of the write routes whose text lands in plain columns (unit names, seeds, notes, display
 * names) or in integer columns (sample sizes, versions): nasty values where text or numbers go.
 */
function adminBody(rng: Prng, ctx: FuzzContext): FuzzRequest {
  const unit = rng.pick(GOOD.unit);
  const code = rng.pick(GOOD.code);
  const choices: [string, string, () => unknown][] = [
    [
      'POST',
      '/v1/admin/units',
      () => ({
        id: rng.chance(0.5) ? `0${rng.int(10, 99)}.77.${rng.int(10, 99)}.H32` : nastyValue(rng),
        name: nastyValue(rng),
        parentId: unit,
      }),
    ],
    ['PATCH', `/v1/admin/units/${encoded(rng, rng.chance(0.6) ? unit : text(rng))}`, () => ({ name: nastyValue(rng) })],
    [
      'POST',
      '/v1/inspections',
      () => ({
        unitId: rng.chance(0.7) ? unit : nastyValue(rng),
        sampleSize: rng.chance(0.5) ? rng.int(1, 3) : nastyValue(rng),
        seed: nastyValue(rng),
        from: rng.chance(0.3) ? nastyValue(rng) : undefined,
      }),
    ],
    [
      'PUT',
      `/v1/inspections/${randomUuid(rng)}/findings/${code}`,
      () => ({ delayJustified: rng.chance(0.5), note: nastyValue(rng), responsibleOfficialId: nastyValue(rng) }),
    ],
    [
      'POST',
      '/v1/admin/officials',
      () => ({
        username: `fz${rng.int(1000, 9999)}`,
        displayName: nastyValue(rng),
        unitId: unit,
        role: 'clerk',
        password: nastyValue(rng),
        backofficeAccount: nastyValue(rng),
      }),
    ],
    [
      'POST',
      '/v1/admin/profiles',
      () => ({
        id: `fz-${rng.int(1000, 9999)}`,
        version: rng.pick([1, 2 ** 31, -1, 1e308]),
        name: nastyValue(rng),
        matches: [rng.pick(['https://x.vn/*', 'javascript:*', nastyValue(rng)])],
        pages: [{ kind: 'list', path: '/x' }],
        detailUrl: rng.pick(['javascript:alert(1)', '{origin}/x?ma={code}', nastyValue(rng)]),
      }),
    ],
    ['PUT', `/v1/admin/rule-settings/units/${unit}`, () => nastyValue(rng)],
  ];
  const [method, path, make] = rng.pick(choices);
  const body = rng.chance(0.9)
    ? JSON.stringify(make())
    : rng.pick(['{', '', deepJson(rng, rng.int(100, 5000)), withProtoKeys(JSON.stringify(make() ?? {}), rng)]);
  return { family: 'admin-body', method, path, headers: { authorization: `Bearer ${ctx.tokens[0]}`, ...contentType(rng) }, body };
}

function randomUuid(rng: Prng): string {
  const hex = () => rng.int(0, 15).toString(16);
  return `${Array.from({ length: 8 }, hex).join('')}-${Array.from({ length: 4 }, hex).join('')}-4${Array.from({ length: 3 }, hex).join('')}-8${Array.from({ length: 3 }, hex).join('')}-${Array.from({ length: 12 }, hex).join('')}`;
}

/** One generated request against the ingest, login or query routes. */
export function fuzzRequest(rng: Prng, ctx: FuzzContext): FuzzRequest {
  const r = rng.next();
  if (r < 0.55) {
    const b = ingestBody(rng, ctx);
    const headers = { ...auth(rng, ctx), ...contentType(rng) };
    return { family: b.family, method: 'POST', path: '/v1/events', headers, body: b.body, expect: b.expect, events: b.events };
  }
  if (r < 0.6) {
    const body = rng.chance(0.8) ? JSON.stringify({ username: nastyValue(rng), password: nastyValue(rng) }) : ingestBody(rng, ctx).body;
    return { family: 'login', method: 'POST', path: '/v1/auth/login', headers: contentType(rng), body };
  }
  if (r < 0.68) return adminBody(rng, ctx);
  const route = rng
    .pick(QUERY_ROUTES)
    .replace(/\{(\w+)\}/g, (_, k: string) =>
      encoded(
        rng,
        k === 'unit' && rng.chance(0.4) ? rng.pick(GOOD.unit) : k === 'code' && rng.chance(0.4) ? rng.pick(GOOD.code) : text(rng),
      ),
    );
  const method = rng.chance(0.9) ? 'GET' : rng.pick(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']);
  return { family: 'query', method, path: route + query(rng), headers: auth(rng, ctx) };
}
