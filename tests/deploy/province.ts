import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { dirname, join, resolve } from 'node:path';

/**
 * The deployment guide as the test reads it: the README's "Deploying for a province" section,
 * the systemd units and environment files under deploy/, with the guide's server paths mapped
 * onto temporary folders. What the test runs is what the guide says, character for character.
 */
export const ROOT = resolve(import.meta.dirname, '../..');

export function guideSection(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Deploying for a province');
  if (start < 0) throw new Error('README.md has no "Deploying for a province" section');
  const end = readme.indexOf('\n## ', start + 5);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** The guide's paths on a server, and where this test puts each. */
export type PathMap = Record<string, string>;
export const substitute = (text: string, paths: PathMap) => Object.entries(paths).reduce((t, [from, to]) => t.split(from).join(to), text);

/** systemd's EnvironmentFile= format: KEY=VALUE lines, `#` comments. */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (m) env[m[1]!] = m[2]!.trim().replace(/^"(.*)"$/, '$1');
  }
  return env;
}

export function withValues(example: string, values: Record<string, string>): string {
  const left = new Set(Object.keys(values));
  const out = example
    .split('\n')
    .map((line) => {
      const m = /^#?([A-Z_][A-Z0-9_]*)=/.exec(line);
      if (!m || !(m[1]! in values)) return line;
      left.delete(m[1]!);
      return `${m[1]}=${values[m[1]!]}`;
    })
    .join('\n');
  if (left.size) throw new Error(`the example has no line for ${[...left].join(', ')}`);
  return out;
}

export type Unit = { workingDirectory: string; environmentFile: string; environment: Record<string, string>; execStart: string[] };

/** The [Service] lines of a unit file this test needs, with `%i` set to `instance`. */
export function readUnit(name: string, instance = ''): Unit {
  const text = readFileSync(join(ROOT, 'deploy/systemd', name), 'utf8').replaceAll('%i', instance);
  const one = (key: string) => {
    const m = new RegExp(`^${key}=(.*)$`, 'm').exec(text);
    if (!m) throw new Error(`${name} has no ${key}=`);
    return m[1]!.trim();
  };
  const environment: Record<string, string> = {};
  for (const m of text.matchAll(/^Environment=([A-Z_]+)=(.*)$/gm)) environment[m[1]!] = m[2]!.trim();
  return {
    workingDirectory: one('WorkingDirectory'),
    environmentFile: one('EnvironmentFile'),
    environment,
    execStart: one('ExecStart').split(/\s+/),
  };
}

export type Service = { name: string; child: ChildProcess; log: string; exited: Promise<number | null>; stop(): Promise<number | null> };

/**
 * Runs a unit's ExecStart as systemd would: in its WorkingDirectory, with only its
 * EnvironmentFile and Environment= lines (systemd passes nothing else).
 */
export function startUnit(name: string, instance: string, paths: PathMap, logDir: string, extraEnv: Record<string, string> = {}): Service {
  const unit = readUnit(name, instance);
  const env = {
    ...parseEnvFile(readFileSync(substitute(unit.environmentFile, paths), 'utf8')),
    ...Object.fromEntries(Object.entries(unit.environment).map(([k, v]) => [k, substitute(v, paths)])),
    ...extraEnv,
  };
  const [cmd, ...args] = unit.execStart;
  return spawnLogged(name.replace('@.service', `@${instance}`), cmd!, args, env, substitute(unit.workingDirectory, paths), logDir);
}

/** Any other process of the deployment (Caddy, a pilot), with this test's environment and more. */
export function startProcess(label: string, cmd: string, args: string[], env: Record<string, string>, logDir: string): Service {
  return spawnLogged(label, cmd, args, { ...(process.env as Record<string, string>), ...env }, ROOT, logDir);
}

function spawnLogged(label: string, cmd: string, args: string[], env: Record<string, string>, cwd: string, logDir: string): Service {
  const log = join(logDir, `${label}.log`);
  const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = createWriteStream(log);
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    name: label,
    child,
    log,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** The folder holding the running node, for the units' `PATH=/opt/node24/node_modules/.bin:…`. */
export const NODE_BIN = dirname(process.execPath);

export type HttpsReply = { status: number; headers: Record<string, string | string[] | undefined>; text: string; json: any };

/** HTTPS that trusts exactly the given certificate (the province's, self-signed here). */
export function https(
  url: string,
  ca: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpsReply> {
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  return new Promise((resolvePromise, reject) => {
    const req = request(
      url,
      {
        method: init.method ?? (body ? 'POST' : 'GET'),
        ca,
        headers: {
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(init.headers ?? {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown = null;
          try {
            json = JSON.parse(text);
          } catch {
            json = null;
          }
          resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
