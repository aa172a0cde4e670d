import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from '../../support/stack.ts';

export const REPO = resolve(import.meta.dirname, '../../..');

export type ChildServer = {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Resident memory of the process in bytes (Linux /proc), null once it is gone. */
  rss(): number | null;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  output(): string;
};

// Children die with the benchmark or test that started them, even when it fails half-way.
const living = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of living) c.kill('SIGKILL');
});

export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A Node script in its own process (the API is `api/server.ts`), so it can be killed with
 * SIGKILL, restarted on the same port and data, and its memory sampled from outside.
 * `BENCH_API_NODE_FLAGS` adds Node flags to it (e.g. `--max-old-space-size=64` to tell a leak
 * from V8 letting its heap grow).
 */
export async function startChild(
  script: string,
  env: Record<string, string>,
  opts: { port?: number; readyPath?: string; nodeFlags?: string[] } = {},
): Promise<ChildServer> {
  const port = opts.port ?? (await freePort());
  const flags = [...(opts.nodeFlags ?? []), ...(process.env.BENCH_API_NODE_FLAGS?.split(' ').filter(Boolean) ?? [])];
  const child = spawn(process.execPath, [...flags, resolve(REPO, script)], {
    cwd: REPO,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (b: Buffer) => (out = (out + b.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  living.add(child);
  const exited = new Promise<number | null>((r) =>
    child.once('exit', (code) => {
      living.delete(child);
      r(code);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await Promise.race([
      waitForHttp(url + (opts.readyPath ?? '/healthz')),
      exited.then((c) => Promise.reject(new Error(`${script} exited with ${c}: ${out}`))),
    ]);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    url,
    pid: child.pid!,
    child,
    exited,
    output: () => out,
    rss() {
      try {
        const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
        return kb ? Number(kb) * 1024 : null;
      } catch {
        return null;
      }
    },
    async kill(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(signal);
      await exited;
    },
  };
}

/** The real API: `node api/server.ts` on SQLite (a file) or PostgreSQL (a URL). */
export function startApiProcess(
  db: { sqlitePath?: string; databaseUrl?: string },
  opts: { port?: number; env?: Record<string, string>; nodeFlags?: string[] } = {},
): Promise<ChildServer> {
  const env: Record<string, string> = db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : { SQLITE_PATH: db.sqlitePath!, DATABASE_URL: '' };
  return startChild('api/server.ts', { ...env, ...(opts.env ?? {}) }, { port: opts.port, nodeFlags: opts.nodeFlags });
}
