import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

// scrypt is memory-hard and built into Node: no native addon. N=2^15, r=8 needs 32 MiB per hash.
const N = 1 << 15;
const R = 8;
const P = 1;
const KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEYLEN, { N: n, r, p, maxmem: MAXMEM }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/**
 * At most this many scrypt checks run at once in a process (each takes 32 MiB and a thread);
 * the rest queue in arrival order instead of starving the event loop and the threadpool.
 */
const MAX_PARALLEL_CHECKS = 2;
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL_CHECKS) await new Promise<void>((r) => waiting.push(r));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

/** Password checks run by this process (tests read it to count what a limit let through). */
export const passwordChecks = { count: 0, averageMs: 0 };

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  passwordChecks.count++;
  const actual = await slot(async () => {
    const started = performance.now();
    const k = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
    const ms = performance.now() - started;
    passwordChecks.averageMs = passwordChecks.averageMs ? passwordChecks.averageMs * 0.9 + ms * 0.1 : ms;
    return k;
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * An unknown username takes as long as a real check, so it cannot be told apart by timing, but
 * it waits instead of computing: a flood of made-up names costs timers, not CPU, and cannot slow
 * the sign-in of a real official. The first one measures a real check to know how long to wait.
 */
let measured: Promise<void> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  if (!passwordChecks.averageMs) {
    measured ??= hashPassword('dummy-password-for-timing').then((h) => verifyPassword(h, password).then(() => undefined));
    await measured;
    return;
  }
  await new Promise((r) => setTimeout(r, passwordChecks.averageMs * (0.9 + Math.random() * 0.2)));
}
