import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable, postgresAvailable, programAvailable } from '../support/requirements.ts';
import { freshPostgresDatabase } from '../support/databases.ts';
import { createBackofficeHandle, freePort, waitFor } from '../support/stack.ts';
import { launchWithExtension, signInExtension, extensionStatus, type ExtensionBrowser } from '../support/browser.ts';
import { parsePrometheus, sampleValue } from '../support/prometheus.ts';
import { batch, openEvent } from '../support/events.ts';
import { act, openDossier, signIn } from '../backoffice/scenario.ts';
import { queueOf, work } from '../e2e/harness.ts';
import {
  guideSection,
  https,
  NODE_BIN,
  parseEnvFile,
  ROOT,
  startProcess,
  startUnit,
  substitute,
  withValues,
  type PathMap,
  type Service,
} from './province.ts';

const exec = promisify(execFile);
const ready =
  chromiumAvailable() &&
  (await postgresAvailable()) &&
  programAvailable('caddy', 'apt-get install -y caddy') &&
  programAvailable('openssl', 'apt-get install -y openssl') &&
  programAvailable('pg_dump', 'apt-get install -y postgresql-client');

/**
 * The README's "Deploying for a province" carried out on this machine: production settings,
 * Caddy with TLS (a self-signed certificate for localhost) in front of two API processes and a
 * derivation worker on PostgreSQL, the extension in Chromium signing in over HTTPS and capturing
 * an action end to end, /metrics scraped, a backup taken under ingest load restored and verified,
 * and a pilot's demo SQLite database moved to PostgreSQL.
 */
describe.skipIf(!ready)('deploying for a province, as the README says', () => {
  const GUIDE = ready ? guideSection() : '';
  const tmp = mkdtempSync(join(tmpdir(), 'dp-deploy-'));
  const logs = join(tmp, 'logs');
  /** The guide's server paths and where this test keeps them. */
  const paths: PathMap = {
    '/etc/dossier-pulse': join(tmp, 'etc'),
    '/var/backups/dossier-pulse': join(tmp, 'backups'),
    '/opt/node24/node_modules/.bin': NODE_BIN,
    '/opt/dossier-pulse': ROOT,
    './data/dossier-pulse.sqlite': join(tmp, 'pilot', 'dossier-pulse.sqlite'),
  };
  const env = () => parseEnvFile(readFileSync(join(tmp, 'etc/env'), 'utf8'));
  const services: Service[] = [];
  const drops: (() => Promise<void>)[] = [];
  const apiPorts: number[] = [];
  const apis = new Map<number, Service>();
  let proxyUrl = '';
  let cert = '';
  const passwords = new Map<string, string>();

  /** Runs a command of the guide (it must be in the guide, word for word) in bash, as root would. */
  async function guide(
    line: string,
    extraEnv: Record<string, string> = {},
    opts: { withEnvFile?: boolean } = { withEnvFile: true },
  ): Promise<string> {
    expect(GUIDE, 'the README guide gives this command').toContain(line);
    const prefix = 'set -a && . /etc/dossier-pulse/env && set +a';
    if (opts.withEnvFile) expect(GUIDE).toContain(prefix);
    const script = substitute(`cd /opt/dossier-pulse && ${opts.withEnvFile ? `${prefix} && ` : ''}${line}`, paths);
    try {
      const r = await exec('bash', ['-c', script], {
        env: { ...process.env, PATH: `${NODE_BIN}:${process.env.PATH}`, LOG_LEVEL: 'warn', ...extraEnv },
        maxBuffer: 16 << 20,
      });
      return r.stdout + r.stderr;
    } catch (e) {
      const x = e as { stdout?: string; stderr?: string; message: string };
      throw new Error(`${line}\n${x.message}\n${x.stdout ?? ''}${x.stderr ?? ''}`);
    }
  }

  async function startApi(port: number): Promise<Service> {
    const s = startUnit('dossier-pulse-api@.service', String(port), paths, logs);
    services.push(s);
    apis.set(port, s);
    await waitFor(
      async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status ?? 0,
      (st) => st === 200,
      60_000,
      250,
    );
    return s;
  }

  beforeAll(async () => {
    mkdirSync(logs, { recursive: true });
    mkdirSync(join(tmp, 'pilot'), { recursive: true });
    mkdirSync(join(tmp, 'backups'), { recursive: true });
    // 3. Keys and certificate (a self-signed one for localhost, as for a trial).
    await guide('mkdir -p /etc/dossier-pulse/tls', {}, { withEnvFile: false });
    await guide('openssl genpkey -algorithm ed25519 -out /etc/dossier-pulse/checkpoint.pem', {}, { withEnvFile: false });
    await guide('chmod 600 /etc/dossier-pulse/checkpoint.pem', {}, { withEnvFile: false });
    await guide(
      'openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 825 -subj "/CN=$DP_HOST" -addext "subjectAltName=DNS:$DP_HOST" -keyout /etc/dossier-pulse/tls/privkey.pem -out /etc/dossier-pulse/tls/fullchain.pem',
      { DP_HOST: 'localhost' },
      { withEnvFile: false },
    );
    cert = readFileSync(join(tmp, 'etc/tls/fullchain.pem'), 'utf8');
    // 2. A database of its own; 4. the configuration from the examples, edited.
    const db = await freshPostgresDatabase('dp_province');
    drops.push(db.drop);
    apiPorts.push(await freePort(), await freePort());
    const httpsPort = await freePort();
    proxyUrl = `https://localhost:${httpsPort}`;
    writeFileSync(
      join(tmp, 'etc/env'),
      withValues(readFileSync(join(ROOT, 'deploy/dossier-pulse.env.example'), 'utf8'), {
        DATABASE_URL: db.url,
        CHECKPOINT_KEY_FILE: join(tmp, 'etc/checkpoint.pem'),
        ALLOWED_ORIGINS: proxyUrl,
      }),
    );
    writeFileSync(
      join(tmp, 'etc/caddy.env'),
      withValues(readFileSync(join(ROOT, 'deploy/caddy/caddy.env.example'), 'utf8'), {
        DP_SITE_ADDRESS: `localhost:${httpsPort}`,
        DP_TLS_CERT: join(tmp, 'etc/tls/fullchain.pem'),
        DP_TLS_KEY: join(tmp, 'etc/tls/privkey.pem'),
        DP_UPSTREAMS: apiPorts.map((p) => `127.0.0.1:${p}`).join(' '),
      }),
    );
    // 5. The first accounts (passwords are generated and printed once).
    await guide('npm run admin -- units add 000.00.00.H32 "UBND tỉnh Khánh Hòa"');
    await guide('npm run admin -- units add 000.00.12.H32 "Sở Tài nguyên và Môi trường" --parent 000.00.00.H32');
    for (const line of [
      'npm run admin -- officials add admin --unit 000.00.00.H32 --role admin --name "Quản trị tỉnh"',
      'npm run admin -- officials add chuyenvien1 --unit 000.00.12.H32 --role clerk --name "Trần Thị Bình" --backoffice chuyenvien1',
      'npm run admin -- officials add lanhdao1 --unit 000.00.12.H32 --role clerk --name "Lê Văn Cường" --backoffice lanhdao1',
    ]) {
      const out = await guide(line);
      const m = /✓ (\S+) .*password: (\S+)/.exec(out);
      expect(m, out).toBeTruthy();
      passwords.set(m![1]!, m![2]!);
    }
    for (let i = 1; i <= 3; i++) {
      const { stdout } = await exec(
        'node',
        ['api/cli/admin.ts', 'officials', 'add', `nap${i}`, '--unit', '000.00.12.H32', '--role', 'clerk'],
        { cwd: ROOT, env: { ...process.env, ...env(), LOG_LEVEL: 'warn' } },
      );
      passwords.set(`nap${i}`, /password: (\S+)/.exec(stdout)![1]!);
    }
    // 6. The services: two API processes, the derivation worker, Caddy in front.
    for (const port of apiPorts) await startApi(port);
    services.push(startUnit('dossier-pulse-derive.service', '', paths, logs));
    const caddyEnv = {
      ...parseEnvFile(readFileSync(join(tmp, 'etc/caddy.env'), 'utf8')),
      DP_HTTP_PORT: String(await freePort()),
      DP_HTTPS_PORT: String(httpsPort),
      DP_CADDY_ADMIN: `localhost:${await freePort()}`,
      XDG_DATA_HOME: join(tmp, 'caddy-data'),
      XDG_CONFIG_HOME: join(tmp, 'caddy-config'),
    };
    copyFileSync(join(ROOT, 'deploy/caddy/Caddyfile'), join(tmp, 'etc/Caddyfile'));
    // As Debian's caddy.service runs it, with the drop-in's environment.
    services.push(
      startProcess(
        'caddy',
        'caddy',
        ['run', '--environ', '--config', join(tmp, 'etc/Caddyfile'), '--adapter', 'caddyfile'],
        caddyEnv,
        logs,
      ),
    );
    await waitFor(
      () => https(`${proxyUrl}/readyz`, cert).catch(() => null),
      (r) => r?.status === 200,
      60_000,
      250,
    );
  });

  afterAll(async () => {
    for (const s of services.reverse()) await s.stop().catch(() => undefined);
    for (const d of drops) await d().catch(() => undefined);
  });

  test('production refuses to start without its settings, naming each variable', async () => {
    const port = await freePort();
    const s = startUnit('dossier-pulse-api@.service', String(port), paths, logs, { CHECKPOINT_KEY_FILE: '', TRUST_PROXY: '0' });
    expect(await s.exited).toBe(78);
    const log = readFileSync(s.log, 'utf8');
    expect(log).toMatch(/^  CHECKPOINT_KEY_FILE: /m);
    expect(log).toMatch(/^  TRUST_PROXY: /m);
  });

  test('HTTPS through Caddy reaches the API processes; /metrics stays inside the server', async () => {
    const ready = await https(`${proxyUrl}/readyz`, cert);
    expect(ready.json).toEqual({ ok: true, database: 'postgres' });
    expect(ready.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect((await https(`${proxyUrl}/metrics`, cert)).status).toBe(404);
    // Any other certificate is refused: this is TLS for real.
    await expect(
      https(`${proxyUrl}/readyz`, readFileSync(join(ROOT, 'node_modules/playwright-core/package.json'), 'utf8')),
    ).rejects.toThrow();
  });

  test('the extension in Chromium signs in over HTTPS and an action is captured end to end', async () => {
    const spki = createHash('sha256')
      .update(new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64');
    const bo = await createBackofficeHandle({ seed: 7 });
    const browser: ExtensionBrowser = await launchWithExtension({ args: [`--ignore-certificate-errors-spki-list=${spki}`] });
    try {
      await signInExtension(browser, proxyUrl, 'chuyenvien1', passwords.get('chuyenvien1')!);
      const code = (await queueOf(bo.url, 'chuyenvien1'))[0]!.code;
      const page = await browser.newPage();
      await signIn(page, bo.url, 'chuyenvien1', 'spa');
      const detail = await openDossier(page, code, 'spa');
      await work(detail, 3000);
      await act(detail, 'forward', { toAccount: 'lanhdao1' }, 'spa');
      await waitFor(
        () => extensionStatus(browser),
        (s) => s.queued === 0,
        60_000,
        1000,
      );
      const login = await https(`${proxyUrl}/v1/auth/login`, cert, {
        body: { username: 'chuyenvien1', password: passwords.get('chuyenvien1') },
      });
      expect(login.status).toBe(200);
      // The derivation worker (its own process) turned the events into this official's figures.
      const row = await waitFor(
        async () => {
          const r = await https(`${proxyUrl}/v1/stats/officials`, cert, { token: login.json.token });
          return (
            (r.json?.officials ?? []).find((o: any) => o.username === 'chuyenvien1')?.dossiers?.find((d: any) => d.dossierCode === code) ??
            null
          );
        },
        (r) => !!r && r.actions >= 1 && r.activeSeconds > 0,
        90_000,
        1000,
      );
      expect(row.actions).toBe(1);
    } finally {
      await browser.close();
      await bo.close();
    }
  });

  test('a backup taken under ingest load restores into a new database that verifies; metrics count it all', async () => {
    // Officials keep sending batches through Caddy while the backup runs.
    const tokens = await Promise.all(
      ['nap1', 'nap2', 'nap3'].map(
        async (u) =>
          (await https(`${proxyUrl}/v1/auth/login`, cert, { body: { username: u, password: passwords.get(u) } })).json.token as string,
      ),
    );
    let sending = true;
    let acknowledged = 0;
    const today = new Date().toISOString().slice(2, 10).replaceAll('-', '');
    const loaders = tokens.map(async (token, i) => {
      for (let n = 0; sending; n++) {
        const events = Array.from({ length: 50 }, (_, k) =>
          openEvent({ dossierCode: `000.00.12.H32-${today}-${String(1000 * (i + 1) + ((n * 50 + k) % 1000)).padStart(4, '0')}` }),
        );
        const r = await https(`${proxyUrl}/v1/events`, cert, { token, body: batch(events) });
        expect(r.status, r.text).toBe(200);
        acknowledged += r.json.accepted;
        await new Promise((res) => setTimeout(res, 60));
      }
    });
    await waitFor(
      async () => acknowledged,
      (n) => n >= 300,
      60_000,
      100,
    );
    const before = acknowledged;
    const made = await guide('npm run backup -- create --dir /var/backups/dossier-pulse');
    await new Promise((res) => setTimeout(res, 1500));
    sending = false;
    await Promise.all(loaders);
    expect(made).toMatch(/✓ .*dossier-pulse-.*\.dump: \d+ events/);

    const restoreDb = await freshPostgresDatabase('dp_restore');
    drops.push(restoreDb.drop);
    const restored = await guide(
      'BACKUP=$(ls -t /var/backups/dossier-pulse/dossier-pulse-*.dump | head -n 1) && npm run backup -- restore "$BACKUP" --to "$RESTORE_URL"',
      { RESTORE_URL: restoreDb.url },
    );
    expect(restored).toMatch(/✓ restored .*chains intact/);
    const manifestFile = restored.match(/restored (\S+\.dump)/)![1]!;
    const manifest = JSON.parse(readFileSync(`${manifestFile}.manifest.json`, 'utf8'));
    // Taken mid-stream: more than before it started, fewer than what was sent by the end.
    expect(manifest.tables.events).toBeGreaterThan(before);
    expect(manifest.tables.events).toBeLessThan(acknowledged + 20);
    expect(acknowledged).toBeGreaterThan(manifest.tables.events - 20);

    // Prometheus scrapes each process on 127.0.0.1: both served ingest, both count it.
    let accepted = 0;
    for (const port of apiPorts) {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const { samples } = parsePrometheus(text);
      const mine = sampleValue(samples, 'dossier_pulse_ingest_events_total', { result: 'accepted' }) ?? 0;
      expect(mine, `API on ${port} took part of the load`).toBeGreaterThan(0);
      accepted += mine;
      expect(
        sampleValue(samples, 'dossier_pulse_http_requests_total', { method: 'GET', route: '/readyz', status: '200' }),
        'Caddy checks readiness',
      ).toBeGreaterThan(0);
      expect(sampleValue(samples, 'dossier_pulse_sessions_active')).toBeGreaterThanOrEqual(4);
      expect(sampleValue(samples, 'dossier_pulse_derive_queue_depth')).toBeGreaterThanOrEqual(0);
      expect(sampleValue(samples, 'dossier_pulse_derive_queue_lag_seconds')).toBeGreaterThanOrEqual(0);
      expect(sampleValue(samples, 'dossier_pulse_flags_open')).toBeGreaterThanOrEqual(0);
    }
    expect(accepted).toBeGreaterThanOrEqual(acknowledged);
  });

  test('one API process stops: Caddy sends every request to the other', async () => {
    const [first] = apiPorts;
    expect(await apis.get(first!)!.stop()).toBe(0); // a clean stop on SIGTERM
    const answers = await Promise.all(Array.from({ length: 20 }, () => https(`${proxyUrl}/readyz`, cert)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    await startApi(first!);
  });

  test('a pilot’s demo database moves from SQLite to PostgreSQL with one command, verified', async () => {
    const pilot = paths['./data/dossier-pulse.sqlite']!;
    // A pilot as `npm start` runs one: demo accounts and 45 days of demo history in SQLite.
    const demo = startProcess(
      'pilot',
      process.execPath,
      ['scripts/start.ts'],
      { SQLITE_PATH: pilot, PORT: String(await freePort()), BACKOFFICE_PORT: String(await freePort()) },
      logs,
    );
    await waitFor(
      async () => (existsSync(demo.log) ? readFileSync(demo.log, 'utf8') : ''),
      (l) => l.includes('is running'),
      240_000,
      500,
    );
    await demo.stop();
    const target = await freshPostgresDatabase('dp_moved');
    drops.push(target.drop);
    const out = await guide(
      'SQLITE_PATH=./data/dossier-pulse.sqlite npm run move-to-postgres -- "$DATABASE_URL"',
      { DATABASE_URL: target.url },
      { withEnvFile: false },
    );
    expect(out).toMatch(/✓ \d+ rows in \d+ tables copied and equal; \d+ events of \d+ officials, chains intact/);
    expect(Number(/; (\d+) events/.exec(out)![1])).toBeGreaterThan(1000); // the 45 days of demo history
  });
});
