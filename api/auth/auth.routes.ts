import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { ApiFailure, readJson } from '../http/errors.ts';
import { loginRequestSchema } from '../../shared/schemas/api.ts';
import { burnPasswordCheck, verifyPassword } from './password.ts';
import { requireSession } from './middleware.ts';
import { createLoginThrottle } from './throttle.ts';

export function createAuthRoutes() {
  const throttle = createLoginThrottle();
  return new Hono<AppEnv>()
    .post('/login', async (c) => {
      const { db, sessions, now } = c.var.services;
      const body = await readJson(c, loginRequestSchema);
      const address = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || 'local';
      const keys = [`u:${body.username.toLowerCase()}`, `a:${address}:${body.username.toLowerCase()}`];
      const wait = throttle.check(keys, now());
      if (wait > 0) {
        c.header('Retry-After', String(wait));
        throw new ApiFailure(429, 'too_many_attempts', `Sai mật khẩu quá nhiều lần, thử lại sau ${wait} giây / Too many failed sign-ins, retry in ${wait} s`);
      }
      const official = await db.selectFrom('officials').selectAll().where('username', '=', body.username).executeTakeFirst();
      const ok = official && official.active ? await verifyPassword(official.password_hash, body.password) : (await burnPasswordCheck(body.password), false);
      if (!ok || !official) {
        throttle.fail(keys, now());
        throw new ApiFailure(401, 'bad_credentials', 'Sai tên đăng nhập hoặc mật khẩu / Wrong username or password');
      }
      throttle.reset(keys);
      const session = await sessions.create(official.id);
      c.header('Set-Cookie', sessions.cookie(session.id));
      return c.json({
        token: session.id,
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
      const { sessions } = c.var.services;
      const id = sessions.readBearer(c.req.header('authorization'));
      if (id) await sessions.invalidate(id);
      else {
        const cookie = c.req.header('cookie')?.match(new RegExp(`${sessions.cookieName}=([^;]+)`))?.[1];
        if (cookie) await sessions.invalidate(cookie);
      }
      c.header('Set-Cookie', sessions.blankCookie());
      return c.json({ ok: true });
    })
    .post('/logout-all', requireSession(), async (c) => {
      await c.var.services.sessions.invalidateAll(c.var.official.id);
      c.header('Set-Cookie', c.var.services.sessions.blankCookie());
      return c.json({ ok: true });
    });
}
