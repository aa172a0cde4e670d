import { afterAll, beforeAll } from 'vitest';
import type { TestDatabase } from './databases.ts';
import { loadConfig } from '../../api/config.ts';
import { createServices } from '../../api/services.ts';
import { createApp } from '../../api/app.ts';
import { seedDemo } from '../../api/seed/demo.ts';
import type { DatabaseTarget } from '../../api/db/connect.ts';
import { testIntegrityKey } from './integrity.ts';

/** The whole API over a real database, called in-process through Hono's `app.request`. */
export async function createTestApi(target: DatabaseTarget, opts: { now?: () => number; env?: Record<string, string> } = {}) {
  const env = target.kind === 'postgres' ? { DATABASE_URL: target.url } : { SQLITE_PATH: target.path };
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent', ...opts.env });
  const services = await createServices(config, { ...(opts.now ? { now: opts.now } : {}), integrity: testIntegrityKey });
  await seedDemo(services.db);
  const app = createApp(services);
  // One sign-in per account, shared by parallel callers (as one client would): concurrent
  // attempts for one account from one client count against the sign-in limit.
  const tokens = new Map<string, Promise<string>>();

  function login(username: string): Promise<string> {
    let token = tokens.get(username);
    if (!token) {
      token = (async () => {
        const res = await app.request('/v1/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: 'demo' }),
        });
        if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
        return ((await res.json()) as { token: string }).token;
      })();
      tokens.set(username, token);
      token.catch(() => tokens.delete(username));
    }
    return token;
  }

  async function call(
    username: string | null,
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) {
    const headers: Record<string, string> = { ...(init.headers ?? {}) };
    if (username) headers.authorization = `Bearer ${await login(username)}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(path, {
      method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
      headers,
      body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    });
    const text = await res.text();
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, json, headers: res.headers };
  }

  return { app, services, login, call, close: () => services.storage.close() };
}

/** A fresh database and API for one describe block, closed after it. Read `.api` inside tests. */
export function useTestApi(make: () => Promise<TestDatabase>) {
  const ctx = {} as { api: Awaited<ReturnType<typeof createTestApi>>; database: TestDatabase };
  beforeAll(async () => {
    ctx.database = await make();
    ctx.api = await createTestApi(ctx.database.target);
  });
  afterAll(async () => {
    await ctx.api?.close();
    await ctx.database?.drop();
  });
  return ctx;
}
