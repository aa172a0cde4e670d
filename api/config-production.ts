import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';

type Env = Record<string, string | undefined>;

/**
 * What a production start (NODE_ENV=production) needs beyond a valid environment: PostgreSQL,
 * HTTPS (the API's own certificate, or a reverse proxy that terminates TLS and is trusted for its
 * forwarded headers), a provisioned Ed25519 key for checkpoints, and no demo accounts. Each
 * problem names the variable to fix; the start is refused while any remains.
 */
export function productionProblems(env: Env, parsed: { database: { kind: 'sqlite' | 'postgres' }; demo: boolean }): string[] {
  const problems: string[] = [];
  const set = (name: string) => (env[name]?.trim() ? env[name]!.trim() : null);

  if (parsed.database.kind !== 'postgres') {
    problems.push(
      'DATABASE_URL: production runs on PostgreSQL (postgres://user@host:5432/db); the embedded SQLite file is for one machine in a pilot',
    );
  }
  if (parsed.demo) problems.push('DEMO: demo accounts (password "demo") are never seeded in production; unset DEMO');

  const cert = set('TLS_CERT_FILE');
  const key = set('TLS_KEY_FILE');
  const proxies = Number(set('TRUST_PROXY') ?? '0');
  if (cert || key) {
    if (!cert) problems.push('TLS_CERT_FILE: TLS_KEY_FILE is set but not the certificate (PEM) that goes with it');
    if (!key) problems.push('TLS_KEY_FILE: TLS_CERT_FILE is set but not its private key (PEM)');
    if (cert) problems.push(...readable('TLS_CERT_FILE', cert, (pem) => void new X509Certificate(pem)));
    if (key) problems.push(...readable('TLS_KEY_FILE', key, (pem) => void createPrivateKey(pem)));
  } else if (!(Number.isInteger(proxies) && proxies >= 1)) {
    problems.push(
      'TRUST_PROXY: production serves officials over HTTPS only: set TRUST_PROXY=1 when a reverse proxy in front terminates TLS ' +
        '(deploy/caddy/Caddyfile), or give the API its own certificate with TLS_CERT_FILE and TLS_KEY_FILE',
    );
  }

  const checkpointKey = set('CHECKPOINT_KEY_FILE');
  if (!checkpointKey) {
    problems.push(
      'CHECKPOINT_KEY_FILE: production signs checkpoints with a provisioned Ed25519 private key (PEM): openssl genpkey -algorithm ed25519 -out checkpoint.pem',
    );
  } else {
    problems.push(
      ...readable('CHECKPOINT_KEY_FILE', checkpointKey, (pem) => {
        const type = createPrivateKey(pem).asymmetricKeyType;
        if (type !== 'ed25519') throw new Error(`an ${type} key, not Ed25519`);
      }),
    );
    const mode = safeMode(checkpointKey);
    if (mode !== null && (mode & 0o077) !== 0) {
      problems.push(`CHECKPOINT_KEY_FILE: ${checkpointKey} is readable by other users (mode ${(mode & 0o777).toString(8)}); chmod 600 it`);
    }
  }
  return problems;
}

function readable(name: string, path: string, check: (pem: string) => void): string[] {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (e) {
    return [`${name}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`];
  }
  try {
    check(pem);
    return [];
  } catch (e) {
    return [`${name}: ${path} is not usable: ${(e as Error).message}`];
  }
}

function safeMode(path: string): number | null {
  try {
    return statSync(path).mode;
  } catch {
    return null;
  }
}
