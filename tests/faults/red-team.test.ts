import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestDatabase } from '../support/databases.ts';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { createTestApi } from '../support/test-api.ts';
import { actionEvent, batch, openEvent } from '../support/events.ts';
import { passwordChecks } from '../../api/auth/password.ts';
import { LOGIN_LIMITS } from '../../api/auth/throttle.ts';
import { deriveNow } from '../../api/derive/index.ts';
import { verifyChains } from '../../api/verify/verify-chain.ts';
import { PROFILE_MISS_DAILY_CAP } from '../../api/admin/profile-miss-quota.repository.ts';

/**
 * The red-team pass of issue 14, case by case, on each database: every gap it found, replayed
 * as a hostile user would, expecting the right answer. In-process through `app.request`, behind a
 * trusted proxy (TRUST_PROXY=1) so X-Forwarded-For can stand for many clients; the server-level
 * cases (huge bodies, dripping headers, connection floods) are in red-team-http.test.ts.
 */
const SO = '000.00.12.H32';
const XA1 = '000.31.05.H32';
const OWN = 'http://localhost';

describe.each(STORAGE_DIALECTS)('red team on $name', ({ make }) => {
  let database: TestDatabase;
  let api: Awaited<ReturnType<typeof createTestApi>>;
  const ids = new Map<string, string>();

  const raw = (path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
    api.app.request(path, { method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'), headers: init.headers, body: init.body });
  const login = (username: string, password: string, client = '10.0.0.1', headers: Record<string, string> = {}) =>
    raw('/v1/auth/login', {
      headers: { 'content-type': 'application/json', 'x-forwarded-for': client, ...headers },
      body: JSON.stringify({ username, password }),
    });
  const bearer = async (username: string) => ({ authorization: `Bearer ${await api.login(username)}` });

  beforeAll(async () => {
    database = await make();
    api = await createTestApi(database.target, { env: { TRUST_PROXY: '1' } });
    for (const o of await api.services.db.selectFrom('officials').select(['id', 'username']).execute()) ids.set(o.username, o.id);
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  describe('sign-in and sessions', () => {
    test('40 parallel sign-ins, one with the right password: never more password checks than the limit', async () => {
      const before = passwordChecks.count;
      const passwords = Array.from({ length: 40 }, (_, i) => (i === 23 ? 'demo' : `sai-${i}`));
      const answers = await Promise.all(passwords.map((p) => login('lanhdao1', p, '10.1.1.1')));
      const statuses = answers.map((a) => a.status);
      expect(passwordChecks.count - before).toBeLessThanOrEqual(LOGIN_LIMITS.clientAccountFree);
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(40 - LOGIN_LIMITS.clientAccountFree);
      expect(statuses.every((s) => s === 200 || s === 401 || s === 429)).toBe(true);
      // The same from 40 different addresses: the account's own counter bounds the checks.
      const spread = passwordChecks.count;
      const fromMany = await Promise.all(passwords.map((p, i) => login('lanhdao2', p, `10.2.0.${i + 1}`)));
      expect(passwordChecks.count - spread).toBeLessThanOrEqual(LOGIN_LIMITS.accountFree);
      expect(fromMany.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(40 - LOGIN_LIMITS.accountFree);
    });

    test('a flood of wrong passwords for admin from one client does not keep admin out from another', async () => {
      expect((await login('admin', 'demo', '10.9.9.9')).status).toBe(200);
      const flood = [];
      for (let round = 0; round < 4; round++)
        flood.push(...(await Promise.all(Array.from({ length: 15 }, (_, i) => login('admin', `doan-${round}-${i}`, '203.0.113.66')))));
      expect(flood.some((a) => a.status === 429)).toBe(true);
      expect(flood.filter((a) => a.status === 401).length).toBeLessThanOrEqual(LOGIN_LIMITS.clientAccountFree + 1);
      // The real admin, from where they signed in before, and from a new place.
      expect((await login('admin', 'demo', '10.9.9.9')).status).toBe(200);
      expect((await login('admin', 'demo', '10.9.9.10')).status).toBe(200);
      // The attacker is still slowed, with Retry-After: the waits grow, they are not a lockout, so
      // one more guess may be let through once its wait is over, but not two in a row.
      const again = [await login('admin', 'doan-x', '203.0.113.66'), await login('admin', 'doan-y', '203.0.113.66')];
      const refused = again.find((a) => a.status === 429);
      expect(refused).toBeDefined();
      expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    test('guessing one account from many clients raises an alert admins see; its own known client still signs in', async () => {
      expect((await login('chuyenvien3', 'demo', '10.3.3.3')).status).toBe(200);
      for (let i = 0; i < LOGIN_LIMITS.accountFree + 2; i++) await login('chuyenvien3', `doan-${i}`, `198.51.100.${i + 1}`);
      // A new client now waits; the official's own client does not.
      expect((await login('chuyenvien3', 'demo', '198.51.100.200')).status).toBe(429);
      expect((await login('chuyenvien3', 'demo', '10.3.3.3')).status).toBe(200);
      const alerts = await api.call('admin', '/v1/admin/security-alerts');
      expect(alerts.status).toBe(200);
      expect(alerts.json.alerts).toContainEqual(expect.objectContaining({ kind: 'account_under_attack', subject: 'chuyenvien3' }));
      // A clerk does not see alerts.
      expect((await api.call('motcua1', '/v1/admin/security-alerts')).status).toBe(403);
    });

    test('made-up user names cost no password work and are throttled per client like real ones', async () => {
      await login(`khong-co-${randomUUID()}`, 'x', '10.4.0.1');
      const before = passwordChecks.count;
      const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => login(`ai-do-${randomUUID()}`, 'x', `10.4.1.${i + 1}`)));
      expect(answers.every((a) => a.status === 401)).toBe(true);
      expect(passwordChecks.count - before).toBe(0);
      // From one client, spraying names stops at the client limit.
      const spray = [];
      for (let i = 0; i < LOGIN_LIMITS.clientFree + 3; i++) spray.push((await login(`ten-${i}-${randomUUID()}`, 'x', '10.4.2.2')).status);
      expect(spray.slice(0, LOGIN_LIMITS.clientFree).every((s) => s === 401)).toBe(true);
      expect(spray.at(-1)).toBe(429);
      // A real official is not held up meanwhile.
      expect((await login('motcua2', 'demo', '10.4.3.3')).status).toBe(200);
    });

    test('sign-in needs a JSON body, a same-origin Origin for a cookie, and has a body limit', async () => {
      const form = await raw('/v1/auth/login', {
        headers: { 'content-type': 'text/plain' },
        body: JSON.stringify({ username: 'motcua1', password: 'demo' }),
      });
      expect(form.status).toBe(415);
      const crossSite = await login('motcua1', 'demo', '10.5.0.1', { origin: 'https://evil.example' });
      expect(crossSite.status).toBe(403);
      expect(crossSite.headers.get('set-cookie')).toBeNull();
      const crossSiteForm = await raw('/v1/auth/login', {
        headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
        body: '{"username":"motcua1","password":"demo"}',
      });
      expect(crossSiteForm.status).toBe(403);
      // The dashboard (own origin) gets a cookie; the extension and scripts get a token only.
      expect((await login('motcua1', 'demo', '10.5.0.1', { origin: OWN })).headers.get('set-cookie')).toMatch(/^dp_session=/);
      const ext = await login('motcua1', 'demo', '10.5.0.1', { origin: 'chrome-extension://abcdefghijklmnop' });
      expect(ext.status).toBe(200);
      expect(ext.headers.get('set-cookie')).toBeNull();
      const big = await login('motcua1', 'x'.repeat(50_000), '10.5.0.2');
      expect(big.status).toBe(413);
      expect((await big.json()).error.code).toBe('body_too_large');
    });

    test('sign-out ends exactly the session named by the exact cookie name', async () => {
      const res = await login('chuyenvien1', 'demo', '10.6.0.1', { origin: OWN });
      const token = /^dp_session=([^;]+)/.exec(res.headers.get('set-cookie')!)![1]!;
      const me = (cookie: string) => raw('/v1/auth/me', { headers: { cookie } });
      expect((await me(`dp_session=${token}`)).status).toBe(200);
      // A cookie whose name merely contains ours is not ours.
      expect((await me(`xdp_session=${token}`)).status).toBe(401);
      const out = await raw('/v1/auth/logout', {
        method: 'POST',
        headers: { cookie: `xdp_session=junk; dp_session=${token}`, origin: OWN },
      });
      expect(out.status).toBe(200);
      expect((await me(`dp_session=${token}`)).status).toBe(401);
    });

    test('only a hash of the token is stored', async () => {
      const { token } = await (await login('giamdoc1', 'demo', '10.7.0.1')).json();
      const rows = await api.services.db.selectFrom('sessions').select('id').where('official_id', '=', ids.get('giamdoc1')!).execute();
      expect(rows.map((r) => r.id)).toContain(createHash('sha256').update(token).digest('hex'));
      expect(rows.some((r) => r.id === token)).toBe(false);
    });

    test('cookies are Secure and __Host- under HTTPS (behind the trusted proxy), plain over HTTP', async () => {
      const https = await login('motcuaxa1', 'demo', '10.8.0.1', { origin: 'https://localhost', 'x-forwarded-proto': 'https' });
      const cookie = https.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^__Host-dp_session=/);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/Domain=/i);
      const token = /^__Host-dp_session=([^;]+)/.exec(cookie)![1]!;
      const viaHttps = await raw('/v1/auth/me', { headers: { cookie: `__Host-dp_session=${token}`, 'x-forwarded-proto': 'https' } });
      expect(viaHttps.status).toBe(200);
      const http = (await login('motcuaxa1', 'demo', '10.8.0.1', { origin: OWN })).headers.get('set-cookie')!;
      expect(http).toMatch(/^dp_session=/);
      expect(http).not.toMatch(/Secure/);
    });
  });

  describe('bad input is refused the same way on both databases', () => {
    test('NUL in a sign-in name, a unit name, an inspection seed, a path', async () => {
      expect((await login('admin\u0000', 'demo', '10.10.0.1')).status).toBe(400);
      const unit = await api.call('admin', '/v1/admin/units', { body: { id: '001.77.77.H32', name: 'Phòng\u0000', parentId: SO } });
      expect(unit.status).toBe(400);
      const seed = await api.call('thanhtra', '/v1/inspections', { body: { unitId: SO, sampleSize: 1, seed: 'a\u0000b' } });
      expect(seed.status).toBe(400);
      expect((await api.call('admin', '/v1/admin/units/000.00.12.H32%00', { method: 'PATCH', body: { name: 'x' } })).status).toBe(400);
      expect((await api.call('admin', `/v1/dossiers/${SO}-251120-0001%00`)).status).toBe(400);
    });

    test('a bad event is rejected alone: NUL, a lone surrogate, a version beyond the column; the rest are stored', async () => {
      const good = [openEvent(), openEvent()];
      const bad = [
        openEvent({ fields: { step: 'Thẩm định\u0000' } }),
        openEvent({ fields: { status: 'Đang xử lý \ud800' } }),
        openEvent({ profile: { id: 'test', version: 2147483648 } }),
      ];
      const res = await api.call('chuyenvien2', '/v1/events', { body: batch([good[0], ...bad, good[1]]) });
      expect(res.status).toBe(200);
      expect(res.json.results.map((r: { status: string }) => r.status)).toEqual([
        'accepted',
        'rejected',
        'rejected',
        'rejected',
        'accepted',
      ]);
      for (const r of res.json.results.slice(1, 4)) expect(r.reason).toBeTruthy();
      const stored = await api.services.db
        .selectFrom('events')
        .select(['id', 'status'])
        .where(
          'id',
          'in',
          [...good, ...bad].map((e) => e.id),
        )
        .execute();
      expect(stored.map((s) => s.id).sort()).toEqual(good.map((e) => e.id).sort());
      expect((await verifyChains(api.services.db, { key: api.services.integrity })).tampers).toEqual([]);
    });

    test('the same event id from two officials at once: a rejection per event, never a 5xx', async () => {
      const shared = Array.from({ length: 20 }, () => openEvent());
      const xa = shared.map((e) => ({ ...e, dossierCode: `${XA1}-251120-0001` }));
      const sends = Array.from({ length: 40 }, (_, i) =>
        i % 2 ? api.call('motcua1', '/v1/events', { body: batch(shared) }) : api.call('motcuaxa1', '/v1/events', { body: batch(xa) }),
      );
      const answers = await Promise.all(sends);
      expect(answers.map((a) => a.status).filter((s) => s !== 200 && s !== 429)).toEqual([]);
      const accepted = answers
        .flatMap((a) => (a.status === 200 ? a.json.results : []))
        .filter((r: { status: string }) => r.status === 'accepted');
      expect(accepted.map((r: { id: string }) => r.id).sort()).toEqual(shared.map((e) => e.id).sort());
      const rows = await api.services.db
        .selectFrom('events')
        .select('id')
        .where(
          'id',
          'in',
          shared.map((e) => e.id),
        )
        .execute();
      expect(rows).toHaveLength(shared.length);
      // And so the process-mining export never repeats an event id.
      const ocel = await api.call('admin', '/v1/exports/events.ocel.json');
      const eventIds = (ocel.json.events as { id: string }[]).map((e) => e.id);
      expect(new Set(eventIds).size).toBe(eventIds.length);
    });

    test('dates in query strings are parsed strictly, and the 400 names the parameter', async () => {
      for (const [path, param, value] of [
        ['/v1/stats/officials', 'from', '2024-13-45'],
        ['/v1/stats/officials', 'from', '99999'],
        ['/v1/stats/officials', 'to', '2024-02-30'],
        ['/v1/exports/events.ocel.json', 'from', '2024-13-45'],
        ['/v1/stats/units', 'from', '99999'],
        ['/v1/exports/events.xes', 'to', '2025-00-10'],
      ] as const) {
        const res = await api.call('admin', `${path}?${param}=${value}`);
        expect(res.status, `${path} ${param}=${value}`).toBe(400);
        expect(res.json.error.message, `${path} ${param}=${value}`).toMatch(new RegExp(`\\b${param}\\b`));
      }
      expect((await api.call('admin', '/v1/stats/officials?from=2025-11-01&to=2025-11-30')).status).toBe(200);
      expect((await api.call('admin', '/v1/stats/officials?from=2025-11-01T00:00:00%2B07:00')).status).toBe(200);
    });

    test('a flood of profile misses is counted, not stored, and the health answer stays small', async () => {
      const before = await api.services.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('kind', '=', 'profile_miss')
        .executeTakeFirst();
      for (let b = 0; b < 30; b++) {
        const events = Array.from({ length: 1000 }, (_, i) => ({
          id: randomUUID(),
          kind: 'profile_miss',
          at: new Date().toISOString(),
          profile: { id: i % 2 ? 'backoffice-spa' : `ho-so-la-${b}-${i}`, version: 1 },
          pageKind: 'list',
          anchor: `moc-${b}-${i}`,
        }));
        const res = await api.call('tuphapxa1', '/v1/events', { body: batch(events) });
        expect(res.status).toBe(200);
        expect(res.json.accepted).toBe(1000);
      }
      const after = await api.services.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('kind', '=', 'profile_miss')
        .executeTakeFirst();
      expect(Number(after!.n) - Number(before!.n)).toBeLessThanOrEqual(PROFILE_MISS_DAILY_CAP);
      const health = await api.call('admin', '/v1/admin/profile-health?limit=50');
      expect(health.status).toBe(200);
      expect(health.json.misses.length).toBeLessThanOrEqual(50);
      expect(JSON.stringify(health.json).length).toBeLessThan(100_000);
      expect(health.json.counted.overCap + health.json.counted.unknownProfile).toBeGreaterThanOrEqual(30_000 - PROFILE_MISS_DAILY_CAP);
      expect(health.json.page.total).toBeLessThanOrEqual(PROFILE_MISS_DAILY_CAP);
      const next = await api.call('admin', `/v1/admin/profile-health?limit=10&offset=10`);
      expect(next.json.misses.length).toBeLessThanOrEqual(10);
    });
  });

  describe('units, findings and profiles', () => {
    test('two moves sent together cannot make a cycle', async () => {
      for (const [id, name] of [
        ['002.88.01.H32', 'Phòng A'],
        ['002.88.02.H32', 'Phòng B'],
      ]) {
        expect((await api.call('admin', '/v1/admin/units', { body: { id, name, parentId: SO } })).status).toBe(201);
      }
      for (let round = 0; round < 5; round++) {
        const answers = await Promise.all([
          api.call('admin', '/v1/admin/units/002.88.01.H32', { method: 'PATCH', body: { parentId: '002.88.02.H32' } }),
          api.call('admin', '/v1/admin/units/002.88.02.H32', { method: 'PATCH', body: { parentId: '002.88.01.H32' } }),
        ]);
        expect(answers.map((a) => a.status).sort()).toEqual([200, 400]);
        expect(answers.find((a) => a.status === 400)!.json.error.code).toBe('unit_cycle');
        const units = await api.services.db
          .selectFrom('units')
          .select(['id', 'parent_id'])
          .where('id', 'in', ['002.88.01.H32', '002.88.02.H32'])
          .execute();
        expect(units.filter((u) => u.parent_id === SO)).toHaveLength(1);
        for (const id of ['002.88.01.H32', '002.88.02.H32'])
          await api.call('admin', `/v1/admin/units/${id}`, { method: 'PATCH', body: { parentId: SO } });
      }
    });

    test('a finding may name only an official within the inspection, and cannot probe for others', async () => {
      const code = `${XA1}-251120-0042`;
      await api.call('motcuaxa1', '/v1/events', {
        body: batch([actionEvent('receive', { dossierCode: code, fields: { step: 'Tiếp nhận' } })]),
      });
      await deriveNow(api.services.db, [code]);
      const created = await api.call('thanhtra', '/v1/inspections', { body: { unitId: XA1, sampleSize: 1, seed: 'pham-vi' } });
      expect(created.status).toBe(201);
      const id = created.json.inspection.id;
      const sampled = created.json.dossiers[0].dossierCode;
      const put = (responsibleOfficialId: string) =>
        api.call('thanhtra', `/v1/inspections/${id}/findings/${sampled}`, {
          method: 'PUT',
          body: { delayJustified: false, note: 'x', responsibleOfficialId },
        });
      const outside = await put(ids.get('motcua1')!);
      const nobody = await put(randomUUID());
      expect(outside.status).toBe(400);
      expect(outside.json.error).toEqual(nobody.json.error);
      expect(outside.json.error.code).toBe('official_out_of_scope');
      expect((await put(ids.get('motcuaxa1')!)).status).toBe(200);
    });

    test('profile links are web addresses only', async () => {
      const profile = (over: object) => ({
        id: `red-${randomUUID().slice(0, 8)}`,
        version: 1,
        name: 'x',
        matches: ['https://dvc.example.vn/*'],
        pages: [{ kind: 'list', path: '/ds' }],
        ...over,
      });
      expect(
        (await api.call('admin', '/v1/admin/profiles', { body: profile({ detailUrl: 'javascript:alert(document.cookie)' }) })).status,
      ).toBe(400);
      expect(
        (await api.call('admin', '/v1/admin/profiles', { body: profile({ detailUrl: 'data:text/html,<script>1</script>' }) })).status,
      ).toBe(400);
      expect((await api.call('admin', '/v1/admin/profiles', { body: profile({ matches: ['javascript:*'] }) })).status).toBe(400);
      expect(
        (await api.call('admin', '/v1/admin/profiles', { body: profile({ detailUrl: '{origin}/dvc/tra-cuu?ma={code}' }) })).status,
      ).toBe(201);
    });
  });

  test('security headers: nosniff everywhere, no-store on API answers, a CSP on every HTML page', async () => {
    const me = await raw('/v1/auth/me', { headers: await bearer('motcua1') });
    expect(me.headers.get('x-content-type-options')).toBe('nosniff');
    expect(me.headers.get('cache-control')).toBe('no-store');
    const missing = await raw('/v1/nothing-here');
    expect(missing.headers.get('x-content-type-options')).toBe('nosniff');
    for (const path of ['/dashboard/', '/docs']) {
      const page = await raw(path);
      expect(page.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(page.headers.get('content-security-policy'), path).toMatch(/default-src/);
      expect(page.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });
});
