import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { ApiFailure, readJson } from '../http/errors.ts';
import { clientAddress, requestIsHttps } from '../http/client-info.ts';
import { loginRequestSchema } from '../../shared/schemas/api.ts';
import { burnPasswordCheck, verifyPassword } from './password.ts';
import { badOrigin, isOwnOrigin, requireSession } from './middleware.ts';
import { admitLogin, isKnownClient, pruneLoginThrottle, settleLogin } from './throttle.ts';

const EXTENSION_ORIGIN = /^(chrome|moz)-extension:\/\//;
const PRUNE_EVERY_MS = 10 * 60_000;

export function createAuthRoutes() {
  let lastPrune = 0;
  return new Hono<AppEnv>()
    .post('/login', async (c) => {
      const { db, sessions, now, config } = c.var.services;
      // A browser always sends Origin on a POST: a page of another site may not sign anyone in
      // (login CSRF). The extension's own origin and origin-less clients get a token only.
      const origin = c.req.header('origin');
      const ownOrigin = origin !== undefined && isOwnOrigin(c, origin);
      if (origin !== undefined && !ownOrigin && !EXTENSION_ORIGIN.test(origin)) throw badOrigin();
      const body = await readJson(c, loginRequestSchema);
      const client = clientAddress(c, config.trustProxy);
      const at = now();
      if (at - lastPrune > PRUNE_EVERY_MS) {
        lastPrune = at;
        await pruneLoginThrottle(db, at);
      }
      const official = await db.selectFrom('officials').selectAll().where('username', '=', body.username).executeTakeFirst();
      const knownClient = !!official && (await isKnownClient(db, body.username, client, at));
      const admission = await admitLogin(db, { username: body.username, client, knownClient, now: at });
      if (!admission.allowed) {
        const wait = Math.max(1, Math.ceil(admission.waitMs / 1000));
        c.header('Retry-After', String(wait));
        throw new ApiFailure(429, 'too_many_attempts', `Thử lại sau ${wait} giây / Too many failed sign-ins from here, retry in ${wait} s`);
      }
      const ok =
        official && official.active
          ? await verifyPassword(official.password_hash, body.password)
          : (await burnPasswordCheck(body.password), false);
      await settleLogin(db, admission, { ok: !!ok, username: body.username, client, unitId: official?.unit_id ?? null, now: now() });
      if (!ok || !official) throw new ApiFailure(401, 'bad_credentials', 'Sai tên đăng nhập hoặc mật khẩu / Wrong username or password');
      const session = await sessions.create(official.id);
      // A cookie only for the dashboard (a same-origin page); bearer clients keep the token.
      if (ownOrigin) c.header('Set-Cookie', sessions.cookie(session.token, session.expiresAt, requestIsHttps(c, config.trustProxy)));
      return c.json({
        token: session.token,
        expiresAt: session.expiresAt.toISOString(),
        serverTime: new Date(now()).toISOString(),
        official: {
          id: official.id,
          username: official.username,
          displayName: official.display_name,
          role: official.role,
          unitId: official.unit_id,
          backofficeAccount: official.backoffice_account,
        },
      });
    })
    .get('/me', requireSession(), (c) => c.json({ official: c.var.official }))
    .post('/logout', requireSession(), async (c) => {
      const { sessions, config } = c.var.services;
      // Exactly the session this request was authenticated with.
      await sessions.invalidate(c.var.sessionToken);
      c.header('Set-Cookie', sessions.blankCookie(requestIsHttps(c, config.trustProxy)));
      return c.json({ ok: true });
    })
    .post('/logout-all', requireSession(), async (c) => {
      const { sessions, config } = c.var.services;
      await sessions.invalidateAll(c.var.official.id);
      c.header('Set-Cookie', sessions.blankCookie(requestIsHttps(c, config.trustProxy)));
      return c.json({ ok: true });
    });
}
