import { createHash } from 'node:crypto';
import { Cookie, generateIdFromEntropySize } from 'lucia';
import type { Db } from '../db/connect.ts';
import type { Role } from '../../shared/schemas/api.ts';

/**
 * Sessions as Lucia's own session guide has them (lucia-auth.com, "Basic session API"), behind
 * the same interface the routes always used. The Lucia class of v3 is not used: its session id
 * is the bearer token and its adapter contract stores that id; its expiry only slides, with no
 * absolute lifetime; it reads Date.now() itself; and its cookie name and `Secure` flag are fixed
 * per instance, while ours follow each request (`__Host-` and Secure over HTTPS only). v3 is no
 * longer developed, and its author's advice is the guide. lucia's own helpers still make the
 * token (its entropy-sized base32 id) and write the cookies, so everything lucia stays here.
 *
 * - The client holds a random token (25 bytes of entropy); the database holds only SHA-256 of it,
 *   so a copy of the sessions table signs nobody in.
 * - Idle lifetime: a session unused for `idleDays` ends; used in the second half of that window
 *   it is extended. Absolute lifetime: `absoluteDays` after sign-in it ends however it is used.
 */
export type SessionOfficial = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  backofficeAccount: string | null;
};
/** `id` is the stored hash (never the token); `fresh` when this use extended the session. */
export type SessionInfo = { id: string; expiresAt: Date; fresh: boolean };

export type SessionManager = {
  create(officialId: string): Promise<{ token: string; expiresAt: Date }>;
  validate(token: string): Promise<{ session: SessionInfo; official: SessionOfficial } | null>;
  invalidate(token: string): Promise<void>;
  invalidateAll(officialId: string): Promise<void>;
  /** `__Host-dp_session` over HTTPS (Secure, Path=/, no Domain: only this origin gets it), `dp_session` over plain HTTP. */
  cookieName(secure: boolean): string;
  cookie(token: string, expiresAt: Date, secure: boolean): string;
  blankCookie(secure: boolean): string;
  readBearer(header: string | undefined): string | null;
  /** The session token from a Cookie header, matched by exact name. */
  readCookie(header: string | undefined, secure: boolean): string | null;
};

const DAY_MS = 86_400_000;
const TOKEN_RE = /^[a-z2-7]{40}$/;

/** What the database keeps: the token's SHA-256, hex. */
export const sessionIdOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** Cookie pairs split by `;`, names compared exactly (not as a substring of another cookie's name). */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    let v = part.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1);
    return v;
  }
  return null;
}

export function createSessionManager(
  db: Db,
  opts: { idleDays: number; absoluteDays: number; secureCookies: boolean; now?: () => number },
): SessionManager {
  const now = opts.now ?? Date.now;
  const idleMs = opts.idleDays * DAY_MS;
  const absoluteMs = Math.max(opts.absoluteDays, opts.idleDays) * DAY_MS;
  const name = (secure: boolean) => (secure || opts.secureCookies ? '__Host-dp_session' : 'dp_session');
  const attributes = (secure: boolean, expires: Date) => ({
    secure: secure || opts.secureCookies,
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    expires,
  });

  const drop = (id: string) => db.deleteFrom('sessions').where('id', '=', id).execute();

  return {
    async create(officialId) {
      const token = generateIdFromEntropySize(25);
      const at = now();
      const expiresAt = Math.min(at + idleMs, at + absoluteMs);
      await db
        .insertInto('sessions')
        .values({ id: sessionIdOf(token), official_id: officialId, expires_at: expiresAt, created_at: at })
        .execute();
      return { token, expiresAt: new Date(expiresAt) };
    },
    async validate(token) {
      if (!TOKEN_RE.test(token)) return null;
      const id = sessionIdOf(token);
      const row = await db
        .selectFrom('sessions')
        .innerJoin('officials', 'officials.id', 'sessions.official_id')
        .select([
          'sessions.id',
          'sessions.official_id',
          'sessions.expires_at',
          'sessions.created_at',
          'officials.username',
          'officials.display_name',
          'officials.role',
          'officials.unit_id',
          'officials.backoffice_account',
          'officials.active',
        ])
        .where('sessions.id', '=', id)
        .executeTakeFirst();
      if (!row) return null;
      const t = now();
      const absoluteEnd = Number(row.created_at) + absoluteMs;
      let expiresAt = Number(row.expires_at);
      if (t >= expiresAt || t >= absoluteEnd || !row.active) {
        await drop(id);
        return null;
      }
      let fresh = false;
      if (t >= expiresAt - idleMs / 2 && expiresAt < absoluteEnd) {
        expiresAt = Math.min(t + idleMs, absoluteEnd);
        await db.updateTable('sessions').set({ expires_at: expiresAt }).where('id', '=', id).execute();
        fresh = true;
      }
      return {
        session: { id, expiresAt: new Date(expiresAt), fresh },
        official: {
          id: row.official_id,
          username: row.username,
          displayName: row.display_name,
          role: row.role,
          unitId: row.unit_id,
          backofficeAccount: row.backoffice_account,
        },
      };
    },
    invalidate: async (token) => {
      if (TOKEN_RE.test(token)) await drop(sessionIdOf(token));
    },
    invalidateAll: async (officialId) => {
      await db.deleteFrom('sessions').where('official_id', '=', officialId).execute();
    },
    cookieName: name,
    cookie: (token, expiresAt, secure) => new Cookie(name(secure), token, attributes(secure, expiresAt)).serialize(),
    blankCookie: (secure) => new Cookie(name(secure), '', { ...attributes(secure, new Date(0)), maxAge: 0 }).serialize(),
    readBearer(header) {
      const m = /^Bearer ([^\s]+)$/.exec(header?.trim() ?? '');
      return m ? m[1]! : null;
    },
    readCookie: (header, secure) => cookieValue(header, name(secure)),
  };
}
