import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from 'lucia';
import type { Db } from '../db/connect.ts';
import type { Role } from '../../shared/schemas/api.ts';

/**
 * lucia v3 is no longer developed; everything that knows about it stays in this file so it can
 * be replaced by the few dozen lines of Lucia's own session guide without touching routes.
 */
function createAdapter(db: Db): Adapter {
  const toSession = (r: { id: string; official_id: string; expires_at: number }): DatabaseSession => ({
    id: r.id,
    userId: r.official_id,
    expiresAt: new Date(Number(r.expires_at)),
    attributes: {},
  });
  return {
    async getSessionAndUser(sessionId) {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('officials', 'officials.id', 'sessions.official_id')
        .select([
          'sessions.id',
          'sessions.official_id',
          'sessions.expires_at',
          'officials.username',
          'officials.display_name',
          'officials.role',
          'officials.unit_id',
          'officials.backoffice_account',
          'officials.active',
        ])
        .where('sessions.id', '=', sessionId)
        .executeTakeFirst();
      if (!row || !row.active) return [null, null];
      const user: DatabaseUser = {
        id: row.official_id,
        attributes: {
          username: row.username,
          display_name: row.display_name,
          role: row.role,
          unit_id: row.unit_id,
          backoffice_account: row.backoffice_account,
        },
      };
      return [toSession(row), user];
    },
    async getUserSessions(userId) {
      const rows = await db.selectFrom('sessions').selectAll().where('official_id', '=', userId).execute();
      return rows.map(toSession);
    },
    async setSession(s) {
      await db
        .insertInto('sessions')
        .values({ id: s.id, official_id: s.userId, expires_at: s.expiresAt.getTime(), created_at: Date.now() })
        .execute();
    },
    async updateSessionExpiration(sessionId, expiresAt) {
      await db.updateTable('sessions').set({ expires_at: expiresAt.getTime() }).where('id', '=', sessionId).execute();
    },
    async deleteSession(sessionId) {
      await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
    },
    async deleteUserSessions(userId) {
      await db.deleteFrom('sessions').where('official_id', '=', userId).execute();
    },
    async deleteExpiredSessions() {
      await db.deleteFrom('sessions').where('expires_at', '<=', Date.now()).execute();
    },
  };
}

export type SessionOfficial = {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unitId: string;
  backofficeAccount: string | null;
};
export type SessionInfo = { id: string; expiresAt: Date; fresh: boolean };

export type SessionManager = {
  create(officialId: string): Promise<SessionInfo>;
  validate(sessionId: string): Promise<{ session: SessionInfo; official: SessionOfficial } | null>;
  invalidate(sessionId: string): Promise<void>;
  invalidateAll(officialId: string): Promise<void>;
  cookieName: string;
  cookie(sessionId: string): string;
  blankCookie(): string;
  readBearer(header: string | undefined): string | null;
};

export function createSessionManager(db: Db, opts: { days: number; secureCookies: boolean }): SessionManager {
  const lucia = new Lucia(createAdapter(db), {
    // Sliding expiry: lucia extends a session used in the second half of its life.
    sessionExpiresIn: new TimeSpan(opts.days, 'd'),
    sessionCookie: { name: 'dp_session', attributes: { secure: opts.secureCookies, sameSite: 'strict' } },
    getUserAttributes: (a: Record<string, unknown>) => a,
  });
  return {
    async create(officialId) {
      const s = await lucia.createSession(officialId, {});
      return { id: s.id, expiresAt: s.expiresAt, fresh: s.fresh };
    },
    async validate(sessionId) {
      const { session, user } = await lucia.validateSession(sessionId);
      if (!session || !user) return null;
      const a = user as unknown as { id: string; username: string; display_name: string; role: Role; unit_id: string; backoffice_account: string | null };
      return {
        session: { id: session.id, expiresAt: session.expiresAt, fresh: session.fresh },
        official: {
          id: a.id,
          username: a.username,
          displayName: a.display_name,
          role: a.role,
          unitId: a.unit_id,
          backofficeAccount: a.backoffice_account,
        },
      };
    },
    invalidate: (id) => lucia.invalidateSession(id),
    invalidateAll: (officialId) => lucia.invalidateUserSessions(officialId),
    cookieName: lucia.sessionCookieName,
    cookie: (id) => lucia.createSessionCookie(id).serialize(),
    blankCookie: () => lucia.createBlankSessionCookie().serialize(),
    readBearer: (h) => lucia.readBearerToken(h ?? ''),
  };
}
