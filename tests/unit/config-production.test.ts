import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../api/config.ts';

const dir = mkdtempSync(join(tmpdir(), 'dp-config-'));
const pem = (type: 'ed25519' | 'rsa', name: string, mode = 0o600) => {
  const { privateKey } = type === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ed25519');
  const path = join(dir, name);
  writeFileSync(path, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  chmodSync(path, mode);
  return path;
};
const GOOD_KEY = pem('ed25519', 'checkpoint.pem');
const PROD = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://pulse@127.0.0.1:5432/pulse',
  TRUST_PROXY: '1',
  CHECKPOINT_KEY_FILE: GOOD_KEY,
};

/** The message a refused start prints, or null when the start is accepted. */
const refusal = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
};

describe('production configuration (NODE_ENV=production)', () => {
  test('a complete setting starts: PostgreSQL, a trusted TLS proxy, an Ed25519 checkpoint key', () => {
    expect(refusal(PROD)).toBeNull();
    expect(loadConfig(PROD).secureCookies).toBe(true);
  });

  test('every missing or wrong setting is named by its variable, all at once', () => {
    const message = refusal({ NODE_ENV: 'production', DEMO: '1' })!;
    expect(message).toMatch(/^Not ready for production/);
    for (const variable of ['DATABASE_URL', 'DEMO', 'TRUST_PROXY', 'CHECKPOINT_KEY_FILE'])
      expect(message).toMatch(new RegExp(`^  ${variable}: `, 'm'));
  });

  test('the embedded SQLite is refused', () => {
    expect(refusal({ ...PROD, DATABASE_URL: '' })).toMatch(/DATABASE_URL: production runs on PostgreSQL/);
  });

  test('HTTPS: TRUST_PROXY=0 without a certificate is refused; a certificate and key of the API itself are accepted', () => {
    expect(refusal({ ...PROD, TRUST_PROXY: '0' })).toMatch(/TRUST_PROXY: production serves officials over HTTPS only/);
    const cert = join(dir, 'tls.crt');
    const key = join(dir, 'tls.key');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    const env = { ...PROD, TRUST_PROXY: '0', TLS_CERT_FILE: cert, TLS_KEY_FILE: key };
    expect(refusal(env)).toBeNull();
    expect(loadConfig(env).tls?.cert).toMatch(/BEGIN CERTIFICATE/);
    expect(refusal({ ...PROD, TRUST_PROXY: '0', TLS_CERT_FILE: cert })).toMatch(
      /TLS_KEY_FILE: TLS_CERT_FILE is set but not its private key/,
    );
    expect(refusal({ ...PROD, TRUST_PROXY: '0', TLS_CERT_FILE: GOOD_KEY, TLS_KEY_FILE: key })).toMatch(/TLS_CERT_FILE: .* is not usable/);
  });

  test('the checkpoint key must be a readable Ed25519 private key that only its owner can read', () => {
    expect(refusal({ ...PROD, CHECKPOINT_KEY_FILE: join(dir, 'absent.pem') })).toMatch(
      /CHECKPOINT_KEY_FILE: cannot read .*absent\.pem \(ENOENT\)/,
    );
    expect(refusal({ ...PROD, CHECKPOINT_KEY_FILE: pem('rsa', 'rsa.pem') })).toMatch(
      /CHECKPOINT_KEY_FILE: .*rsa\.pem is not usable: an rsa key, not Ed25519/,
    );
    expect(refusal({ ...PROD, CHECKPOINT_KEY_FILE: pem('ed25519', 'shared.pem', 0o644) })).toMatch(
      /CHECKPOINT_KEY_FILE: .*shared\.pem is readable by other users \(mode 644\); chmod 600 it/,
    );
    const notPem = join(dir, 'garbage.pem');
    writeFileSync(notPem, 'not a key');
    chmodSync(notPem, 0o600);
    expect(refusal({ ...PROD, CHECKPOINT_KEY_FILE: notPem })).toMatch(/CHECKPOINT_KEY_FILE: .*garbage\.pem is not usable/);
  });

  test('outside production none of this is asked (the demo and the tests run on SQLite over HTTP)', () => {
    expect(refusal({ DEMO: '1' })).toBeNull();
  });

  test('a malformed variable is named outside production too', () => {
    expect(refusal({ PORT: 'eighty' })).toMatch(/^Invalid environment:\n  PORT: /);
    expect(refusal({ DERIVE_IN_API: 'yes' })).toMatch(/DERIVE_IN_API: /);
  });
});
