import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestDatabase } from '../support/databases.ts';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { captureBurst, dossierCodes } from './support/capture.ts';
import { verifyChains } from '../../api/verify/verify-chain.ts';
import { createTestApi } from '../support/test-api.ts';
import { createPrng } from '../bench/support/prng.ts';
import { checkResponse } from './support/check-response.ts';
import { fuzzRequest, type FuzzContext } from './support/fuzz-cases.ts';

const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 1337);

/**
 * Generated requests against the ingest, login and query routes, in-process through
 * `app.request`: malformed JSON, wrong types, huge numbers, deep nesting, oversized bodies,
 * unicode tricks (NUL, lone surrogates), injection strings, prototype-pollution keys, wrong
 * content types, nasty text and numbers in write routes, and every 40th case two officials
 * sending the same event ids at once. On each database. A failure names its case number;
 * FUZZ_SEED and FUZZ_CASES reproduce it.
 */
describe.each(STORAGE_DIALECTS)('fuzzing the routes in-process on $name', ({ make }) => {
  let db: TestDatabase;
  let api: Awaited<ReturnType<typeof createTestApi>>;
  const ctx: FuzzContext = { tokens: [], knownIds: [] };
  let otherUnit = '';
  let requests = 0;

  beforeAll(async () => {
    db = await make();
    // A clock that moves 200 ms per request: the per-official ingest rate limit refills, so the
    // cases reach validation instead of all stopping at 429.
    let tick = 0;
    const base = Date.now();
    api = await createTestApi(db.target, { now: () => base + 200 * tick++ });
    for (const u of ['admin', 'thanhtra', 'chuyenvien1', 'motcua1']) ctx.tokens.push(await api.login(u));
    otherUnit = await api.login('motcuaxa1');
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  test(`${CASES} generated requests: no 5xx, every 4xx has the error shape, rejected events have reasons`, {
    timeout: 600_000,
  }, async () => {
    const rng = createPrng(SEED);
    const problems: string[] = [];
    let duplicateRounds = 0;
    const families = new Map<string, number>();
    for (let i = 0; i < CASES; i++) {
      const req = fuzzRequest(rng, ctx);
      families.set(req.family, (families.get(req.family) ?? 0) + 1);
      let status: number;
      let body: string;
      try {
        const res = await api.app.request(req.path, {
          method: req.method,
          headers: req.headers,
          body: req.method === 'GET' || req.method === 'HEAD' ? undefined : req.body,
        });
        status = res.status;
        body = await res.text();
      } catch (e) {
        problems.push(`#${i} ${req.method} ${req.path.slice(0, 120)} threw ${String(e).slice(0, 200)}`);
        continue;
      }
      const problem = checkResponse(req, status, body);
      if (problem) problems.push(`#${i} ${req.family} ${req.method} ${req.path.slice(0, 120)}: ${problem}`);
      if (status === 200 && req.path === '/v1/events' && ctx.knownIds.length < 500) {
        for (const r of JSON.parse(body).results ?? []) if (r.status === 'accepted' && r.id) ctx.knownIds.push(r.id);
      }
      if (i % 40 === 0) {
        // Two officials of different units, four requests at once, the same event ids.
        const events = captureBurst(rng, 5, dossierCodes(3));
        const send = (token: string) =>
          api.app.request('/v1/events', {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ sentAt: new Date().toISOString(), events }),
          });
        const answers = await Promise.all([send(ctx.tokens[2]!), send(otherUnit), send(ctx.tokens[3]!), send(otherUnit)]);
        duplicateRounds += answers.length;
        const accepted = new Map<string, number>();
        for (const a of answers) {
          const text = await a.text();
          if (a.status >= 500) problems.push(`#${i} concurrent duplicate ids: ${a.status} ${text.slice(0, 200)}`);
          if (a.status === 200)
            for (const r of JSON.parse(text).results) if (r.status === 'accepted') accepted.set(r.id, (accepted.get(r.id) ?? 0) + 1);
        }
        if ([...accepted.values()].some((n) => n > 1)) problems.push(`#${i} an event id accepted twice`);
      }
    }
    requests = CASES + duplicateRounds;
    expect(problems.slice(0, 20), `${problems.length} problems (seed ${SEED})`).toEqual([]);
    // Every family was exercised, and nothing leaked onto Object.prototype.
    for (const f of [
      'ingest-events',
      'ingest-envelope',
      'ingest-malformed',
      'ingest-deep',
      'ingest-oversized',
      'ingest-too-many',
      'login',
      'admin-body',
      'query',
    ])
      expect(families.get(f) ?? 0, f).toBeGreaterThan(0);
    expect(requests).toBeGreaterThanOrEqual(10_000 * Math.min(1, CASES / 10_000));
    console.log(
      `fuzz on ${db.name}: ${requests} requests (${CASES} generated + ${duplicateRounds} concurrent duplicate-id), 0 answers ≥ 500`,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    // Nothing stored differs from what was hashed (a lone surrogate stored as U+FFFD would).
    expect((await verifyChains(api.services.db, { key: api.services.integrity })).tampers).toEqual([]);
    // And the API still works for an ordinary request.
    const ok = await api.call('chuyenvien1', '/v1/auth/me');
    expect(ok.status).toBe(200);
  });
});
