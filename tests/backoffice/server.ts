/**
 * The simulated back-office server. `startBackoffice` is what tests and the demo use; run
 * directly (`node tests/backoffice/server.ts`) it listens on BACKOFFICE_PORT or 8788.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createApp } from './app.ts';
import { createWorkday, type Workday } from './workday.ts';
import { createWorld, type World } from './world.ts';

export interface BackofficeOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  seed?: number;
  /** Seed relative to this instant and pin the clock there (see POST /__test/clock to release it). */
  now?: Date;
  /** Move a random dossier one step every few seconds (the demo); an object sets the interval. */
  workday?: boolean | { intervalMs?: number };
  /** Delay of the single-page app's JSON calls, in ms (default 250). */
  latencyMs?: number;
  /** Test control routes under /__test; default: on unless BACKOFFICE_TEST_ROUTES=0. */
  testRoutes?: boolean;
}

export interface RunningBackoffice {
  url: string;
  close(): Promise<void>;
  /** In-process access for tests that want to look inside without HTTP. */
  world: World;
  workday: Workday;
}

export async function startBackoffice(opts: BackofficeOptions = {}): Promise<RunningBackoffice> {
  const world = createWorld({ seed: opts.seed, now: opts.now, latencyMs: opts.latencyMs });
  const workday = createWorkday(world, {
    seed: opts.seed,
    intervalMs: typeof opts.workday === 'object' ? opts.workday.intervalMs : undefined,
  });
  const testRoutes = opts.testRoutes ?? process.env.BACKOFFICE_TEST_ROUTES !== '0';
  const app = createApp(world, { testRoutes, workday: () => workday });
  const server = createServer(getRequestListener(app.fetch));
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  if (opts.workday) workday.start();
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    world,
    workday,
    close: () =>
      new Promise<void>((resolve) => {
        workday.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The demo's back-office: like startBackoffice, with workday mode on unless told otherwise. */
export function startWorkday(opts: BackofficeOptions = {}): Promise<RunningBackoffice> {
  return startBackoffice({ ...opts, workday: opts.workday ?? true });
}

if (import.meta.main) {
  const port = Number(process.env.BACKOFFICE_PORT ?? 8788);
  const seed = process.env.BACKOFFICE_SEED ? Number(process.env.BACKOFFICE_SEED) : undefined;
  const workday = process.env.BACKOFFICE_WORKDAY === '1';
  const bo = await startBackoffice({ port, host: process.env.BACKOFFICE_HOST, seed, workday });
  console.log(`Back-office mô phỏng: ${bo.url}/`);
  console.log(`  SPA (React/Ant-like):  ${bo.url}/dvc/`);
  console.log(`  Classic (PHP-like):    ${bo.url}/motcua/`);
  console.log(`  Test routes:           ${bo.url}/__test/truth  (mật khẩu mọi tài khoản: demo)${workday ? '  [workday mode on]' : ''}`);
  const stop = () => void bo.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
