import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { createTestApi, useTestApi } from '../support/test-api.ts';
import { batch } from '../support/events.ts';

describe.each(STORAGE_DIALECTS)('sessions and limits on $name', ({ make }) => {
  const suite = useTestApi(make);
  const login = (username: string, password: string) => suite.api.call(null, '/v1/auth/login', { body: { username, password } });

  test('guessing a password is throttled, even the right password, with Retry-After', async () => {
    for (let i = 0; i < 5; i++) expect((await login('motcua2', 'wrong')).status).toBe(401);
    const blocked = await login('motcua2', 'demo');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.json.error.code).toBe('too_many_attempts');
    // Another official is not affected.
    expect((await login('motcua1', 'demo')).status).toBe(200);
  });

  test('a cookie session cannot change state from another origin', async () => {
    // The dashboard signs in from its own origin; only then is a cookie set.
    const res = await suite.api.call(null, '/v1/auth/login', {
      body: { username: 'chuyenvien2', password: 'demo' },
      headers: { origin: 'http://localhost' },
    });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const from = (origin: string) =>
      suite.api.app.request('/v1/events', {
        method: 'POST',
        headers: { cookie, origin, 'content-type': 'application/json' },
        body: JSON.stringify(batch([])),
      });
    expect((await from('https://evil.example')).status).toBe(403);
    expect((await from('http://localhost')).status).toBe(200);
  });

  test('sign-out everywhere ends every session of the official', async () => {
    const [t1, t2] = [(await login('lanhdao2', 'demo')).json.token, (await login('lanhdao2', 'demo')).json.token];
    const me = (t: string) => suite.api.app.request('/v1/auth/me', { headers: { authorization: `Bearer ${t}` } });
    expect((await me(t2)).status).toBe(200);
    expect(
      (await suite.api.app.request('/v1/auth/logout-all', { method: 'POST', headers: { authorization: `Bearer ${t1}` } })).status,
    ).toBe(200);
    expect((await me(t1)).status).toBe(401);
    expect((await me(t2)).status).toBe(401);
  });

  test('a session sending batches too fast gets 429 with Retry-After', async () => {
    const token = (await login('chuyenvien3', 'demo')).json.token as string;
    const statuses: number[] = [];
    let retryAfter = 0;
    for (let i = 0; i < 80; i++) {
      const res = await suite.api.app.request('/v1/events', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(batch([])),
      });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = Number(res.headers.get('retry-after'));
    }
    expect(statuses).toContain(429);
    expect(statuses.slice(0, 50).every((s) => s === 200)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
  });
});

describe.each(STORAGE_DIALECTS)('session lifetimes on $name', ({ make }) => {
  const DAY = 86_400_000;
  let clock = Date.parse('2026-03-02T08:00:00+07:00');
  let database: Awaited<ReturnType<typeof make>>;
  let api: Awaited<ReturnType<typeof createTestApi>>;
  beforeAll(async () => {
    database = await make();
    api = await createTestApi(database.target, { now: () => clock });
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });
  const me = (token: string) => api.app.request('/v1/auth/me', { headers: { authorization: `Bearer ${token}` } });
  const signIn = async (username: string) =>
    (await api.call(null, '/v1/auth/login', { body: { username, password: 'demo' } })).json.token as string;

  test('a session used every day still ends at its absolute lifetime (30 days)', async () => {
    const started = clock;
    const token = await signIn('motcua1');
    for (let day = 1; day < 30; day++) {
      clock = started + day * DAY;
      expect((await me(token)).status, `day ${day}`).toBe(200);
    }
    clock = started + 30 * DAY;
    expect((await me(token)).status).toBe(401);
  });

  test('a session left unused longer than its idle lifetime (7 days) ends', async () => {
    const token = await signIn('motcua2');
    clock += 6 * DAY;
    expect((await me(token)).status).toBe(200);
    clock += 7 * DAY + 1;
    expect((await me(token)).status).toBe(401);
  });
});
