import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { loadConfig } from '../../api/config.ts';
import { startApi, type RunningApi } from '../../api/server.ts';
import { startBackoffice } from '../backoffice/server.ts';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * The real API over real HTTP on a fixed port with its own SQLite file, so a test can stop it
 * and start it again on the same address and data, as an outage would.
 */
export async function createApiHandle(opts: { databaseUrl?: string } = {}) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'dp-e2e-'));
  const env = {
    PORT: String(port),
    DEMO: '1',
    LOG_LEVEL: 'silent',
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : { SQLITE_PATH: join(dir, 'api.sqlite') }),
  };
  let running: RunningApi | null = await startApi(loadConfig(env));
  const url = running.url;
  return {
    url,
    get services() {
      if (!running) throw new Error('API is stopped');
      return running.services;
    },
    async stop() {
      await running?.close();
      running = null;
    },
    async start() {
      running ??= await startApi(loadConfig(env));
    },
    async close() {
      await running?.close();
      running = null;
    },
  };
}
export type ApiHandle = Awaited<ReturnType<typeof createApiHandle>>;

export async function createBackofficeHandle(opts: { seed?: number } = {}) {
  return startBackoffice({ port: 0, seed: opts.seed ?? 42 });
}

/** Retries `read` until `done` holds or the time runs out; returns the last value read. */
export async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 60_000, everyMs = 500): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last = await read();
  while (!done(last)) {
    if (Date.now() > until) throw new Error(`timed out waiting; last value: ${JSON.stringify(last)?.slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, everyMs));
    last = await read();
  }
  return last;
}

export async function apiLogin(apiUrl: string, username: string): Promise<string> {
  const res = await fetch(`${apiUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()} ${apiUrl}`);
  return ((await res.json()) as { token: string }).token;
}

export async function apiGet<T>(apiUrl: string, token: string, path: string): Promise<T> {
  const res = await fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
