import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { productionProblems } from './config-production.ts';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  /** `postgres://…` selects PostgreSQL; otherwise the embedded SQLite file is used. */
  DATABASE_URL: z.string().optional(),
  SQLITE_PATH: z.string().default('./data/dossier-pulse.sqlite'),
  /** Demo mode seeds demo accounts with the password `demo`; never on in production. */
  DEMO: z
    .enum(['0', '1', 'true', 'false'])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  /** A session unused this long ends (idle lifetime); each use within it extends it. */
  SESSION_DAYS: z.coerce.number().positive().default(7),
  /** A session ends this long after sign-in however much it is used (absolute lifetime). */
  SESSION_ABSOLUTE_DAYS: z.coerce.number().positive().default(30),
  /** Origins allowed to use cookie sessions (the dashboard); bearer tokens are not origin-bound. */
  ALLOWED_ORIGINS: z.string().default(''),
  /**
   * The Ed25519 private key (PKCS#8 PEM) that signs checkpoints and tags chained rows; kept
   * outside the database. Unset outside production: ./data/checkpoint-ed25519.pem, made once.
   */
  CHECKPOINT_KEY_FILE: z
    .string()
    .optional()
    .transform((v) => v?.trim() || undefined),
  /** Minutes between periodic checkpoints (issued only when a chain moved); 0 turns them off. */
  CHECKPOINT_INTERVAL_MINUTES: z.coerce.number().min(0).max(10_080).default(60),
  /**
   * Proxies in front of the API whose X-Forwarded-Proto / X-Forwarded-For are honoured: 0 (the
   * default) trusts none; 1 trusts the one proxy the API sits behind (the client is the last
   * address it appended), and so on.
   */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  /** Open connections one client address may hold; 0 for no cap (a proxy's address is one client). */
  MAX_CONNECTIONS_PER_CLIENT: z.coerce.number().int().min(0).default(64),
  /** A client must send its request headers within this, and its whole request within REQUEST_TIMEOUT_MS. */
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).default(10_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(60_000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  /** The API's own certificate and key (PEM) when no reverse proxy terminates TLS in front of it. */
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  /** `0` when a separate derivation worker runs (deploy/systemd/dossier-pulse-derive.service). */
  DERIVE_IN_API: z.enum(['0', '1']).default('1'),
  /** When set, GET /metrics wants `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().optional(),
});

export const DEV_CHECKPOINT_KEY_FILE = './data/checkpoint-ed25519.pem';

export type Config = Readonly<{
  port: number;
  host: string;
  database: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
  demo: boolean;
  sessionDays: number;
  sessionAbsoluteDays: number;
  allowedOrigins: readonly string[];
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Cookies are always `Secure` (production); otherwise whenever the request came over HTTPS. */
  secureCookies: boolean;
  checkpoint: { keyFile: string; createKey: boolean; intervalMinutes: number };
  trustProxy: number;
  limits: { connectionsPerClient: number; headersTimeoutMs: number; requestTimeoutMs: number };
  tls: { cert: string; key: string } | null;
  deriveInApi: boolean;
  metricsToken: string | null;
}>;

/** A start refused for its configuration; the message lists each variable to fix. */
export class ConfigError extends Error {}

/** Parses the environment once; a bad variable stops the start with a clear message. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`Invalid environment:\n${lines}`);
  }
  const e = parsed.data;
  const url = e.DATABASE_URL?.trim();
  const database =
    url && /^postgres(ql)?:\/\//.test(url)
      ? ({ kind: 'postgres', url } as const)
      : ({ kind: 'sqlite', path: url || e.SQLITE_PATH } as const);
  if (e.NODE_ENV === 'production') {
    const problems = productionProblems(env, { database, demo: e.DEMO });
    if (problems.length)
      throw new ConfigError(`Not ready for production (NODE_ENV=production):\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    database,
    demo: e.DEMO,
    sessionDays: e.SESSION_DAYS,
    sessionAbsoluteDays: Math.max(e.SESSION_ABSOLUTE_DAYS, e.SESSION_DAYS),
    allowedOrigins: Object.freeze(
      e.ALLOWED_ORIGINS.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
    logLevel: e.LOG_LEVEL,
    secureCookies: e.NODE_ENV === 'production',
    checkpoint: Object.freeze({
      keyFile: e.CHECKPOINT_KEY_FILE ?? DEV_CHECKPOINT_KEY_FILE,
      // In production the key is provisioned, never made up on the spot.
      createKey: e.CHECKPOINT_KEY_FILE === undefined && e.NODE_ENV !== 'production',
      intervalMinutes: e.CHECKPOINT_INTERVAL_MINUTES,
    }),
    trustProxy: e.TRUST_PROXY,
    limits: Object.freeze({
      connectionsPerClient: e.MAX_CONNECTIONS_PER_CLIENT,
      headersTimeoutMs: e.HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    }),
    tls:
      e.TLS_CERT_FILE && e.TLS_KEY_FILE
        ? { cert: readPem('TLS_CERT_FILE', e.TLS_CERT_FILE), key: readPem('TLS_KEY_FILE', e.TLS_KEY_FILE) }
        : null,
    deriveInApi: e.DERIVE_IN_API === '1',
    metricsToken: e.METRICS_TOKEN?.trim() || null,
  });
}

function readPem(name: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`Invalid environment:\n  ${name}: cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}
