import type { Db } from '../db/connect.ts';
import { isPostgres } from '../derive/dialect.ts';
import { raiseAlert } from './security-alerts.repository.ts';

/**
 * Sign-in throttling that slows a guesser without handing anyone a way to lock an official out.
 *
 * Three counters of admitted password checks, kept in the database (several API processes share
 * them) and taken atomically before the password is checked, so parallel attempts cannot all
 * slip through between a read and a write:
 * - per client and account: 5 free, then the client waits 1 s, 2 s, 4 s … (at most 15 min)
 *   before each further check of that account;
 * - per client: 30 free over all accounts (an office behind one address has many officials),
 *   then the same growing waits: spraying and unknown-name floods from one place slow down;
 * - per account: 10 free from clients the account has not signed in from, then growing waits for
 *   those clients only. A client the official signed in from before (within 90 days) is not held
 *   back by this counter, so a flood against `admin` cannot keep the real `admin` out.
 * Every name is counted the same, existing or not, so the answers do not reveal which exist.
 * Counters age out a day after their last attempt; a success clears the client's counters.
 * Crossing the account or client threshold raises an alert admins see.
 */
export const LOGIN_LIMITS = {
  clientAccountFree: 5,
  clientFree: 30,
  accountFree: 10,
  baseDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  resetAfterMs: 24 * 3600_000,
  knownClientMs: 90 * 86_400_000,
} as const;

export type LoginAdmission =
  | { allowed: true; keys: ThrottleKey[]; knownClient: boolean }
  | { allowed: false; waitMs: number; keys: ThrottleKey[] };

type ThrottleKey = { key: string; free: number };

/** Waiting time after `failures` admitted checks when `free` are allowed without waiting. */
export function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(LOGIN_LIMITS.maxDelayMs, LOGIN_LIMITS.baseDelayMs * 2 ** Math.min(30, failures - free));
}

export const normalizeUsername = (u: string) => u.normalize('NFC').trim().toLowerCase();

export async function isKnownClient(db: Db, username: string, client: string, now: number): Promise<boolean> {
  const row = await db
    .selectFrom('login_known_clients')
    .select('last_success_at')
    .where('username', '=', normalizeUsername(username))
    .where('client', '=', client)
    .executeTakeFirst();
  return !!row && Number(row.last_success_at) > now - LOGIN_LIMITS.knownClientMs;
}

/**
 * Admits one password check or says how long to wait. An admitted attempt is counted as a
 * failure at once (a success undoes it), all in one transaction with the counters' rows locked.
 */
export async function admitLogin(
  db: Db,
  input: { username: string; client: string; knownClient: boolean; now: number },
): Promise<LoginAdmission> {
  const name = normalizeUsername(input.username);
  const keys: ThrottleKey[] = [
    { key: `ca:${input.client}|${name}`, free: LOGIN_LIMITS.clientAccountFree },
    { key: `c:${input.client}`, free: LOGIN_LIMITS.clientFree },
    ...(input.knownClient ? [] : [{ key: `a:${name}`, free: LOGIN_LIMITS.accountFree }]),
  ].sort((a, b) => (a.key < b.key ? -1 : 1));
  const now = input.now;
  return db.transaction().execute(async (trx) => {
    for (const k of keys) {
      await trx
        .insertInto('login_throttle')
        .values({ key: k.key, failures: 0, next_at: 0, last_at: now })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
    }
    let q = trx
      .selectFrom('login_throttle')
      .selectAll()
      .where(
        'key',
        'in',
        keys.map((k) => k.key),
      )
      .orderBy('key');
    if (isPostgres(trx)) q = q.forUpdate();
    const rows = new Map((await q.execute()).map((r) => [r.key, r]));
    const state = keys.map((k) => {
      const r = rows.get(k.key)!;
      const stale = Number(r.last_at) < now - LOGIN_LIMITS.resetAfterMs;
      return { ...k, failures: stale ? 0 : Number(r.failures), nextAt: stale ? 0 : Number(r.next_at) };
    });
    const blockedUntil = Math.max(0, ...state.map((s) => s.nextAt));
    if (blockedUntil > now) return { allowed: false, waitMs: blockedUntil - now, keys };
    for (const s of state) {
      const failures = s.failures + 1;
      // No wait is 0, not "now": an attempt that read the clock a moment earlier and then waited
      // for this row's lock must not find itself blocked by a wait of nothing.
      const delay = delayAfter(failures, s.free);
      await trx
        .updateTable('login_throttle')
        .set({ failures, next_at: delay ? now + delay : 0, last_at: now })
        .where('key', '=', s.key)
        .execute();
    }
    return { allowed: true, keys, knownClient: input.knownClient };
  });
}

/**
 * After the password check. Success: the client's counters are cleared, the account's gives this
 * attempt back, and the client becomes known for the account. Failure: the counts stand, and an
 * account or client that crossed its threshold raises (or adds to) an alert.
 */
export async function settleLogin(
  db: Db,
  admission: Extract<LoginAdmission, { allowed: true }>,
  outcome: { ok: boolean; username: string; client: string; unitId: string | null; now: number },
): Promise<void> {
  const name = normalizeUsername(outcome.username);
  if (outcome.ok) {
    await db.transaction().execute(async (trx) => {
      const own = admission.keys.filter((k) => !k.key.startsWith('a:')).map((k) => k.key);
      await trx.deleteFrom('login_throttle').where('key', 'in', own).execute();
      const account = admission.keys.find((k) => k.key.startsWith('a:'));
      if (account) {
        const r = await trx.selectFrom('login_throttle').selectAll().where('key', '=', account.key).executeTakeFirst();
        if (r) {
          const failures = Math.max(0, Number(r.failures) - 1);
          const delay = delayAfter(failures, account.free);
          await trx
            .updateTable('login_throttle')
            .set({ failures, next_at: delay ? Number(r.last_at) + delay : 0 })
            .where('key', '=', account.key)
            .execute();
        }
      }
      await trx
        .insertInto('login_known_clients')
        .values({ username: name, client: outcome.client, last_success_at: outcome.now })
        .onConflict((oc) => oc.columns(['username', 'client']).doUpdateSet({ last_success_at: outcome.now }))
        .execute();
    });
    return;
  }
  const rows = await db
    .selectFrom('login_throttle')
    .select(['key', 'failures'])
    .where(
      'key',
      'in',
      admission.keys.map((k) => k.key),
    )
    .execute();
  const failures = (prefix: string) => Number(rows.find((r) => r.key.startsWith(prefix))?.failures ?? 0);
  if (failures('a:') >= LOGIN_LIMITS.accountFree) {
    await raiseAlert(db, {
      kind: 'account_under_attack',
      subject: name,
      unitId: outcome.unitId,
      now: outcome.now,
      details: { failures: failures('a:'), lastClient: outcome.client },
    });
  }
  if (failures('c:') >= LOGIN_LIMITS.clientFree) {
    await raiseAlert(db, {
      kind: 'client_guessing',
      subject: outcome.client,
      unitId: null,
      now: outcome.now,
      details: { failures: failures('c:'), lastUsername: name },
    });
  }
}

/** Counters nobody touched for a day say nothing any more; run now and then. */
export async function pruneLoginThrottle(db: Db, now: number): Promise<void> {
  await db
    .deleteFrom('login_throttle')
    .where('last_at', '<', now - LOGIN_LIMITS.resetAfterMs)
    .execute();
}
