import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../http/context.ts';
import { ApiFailure } from '../http/errors.ts';
import type { Role } from '../../shared/schemas/api.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Bearer tokens (the extension) or the session cookie (the dashboard). A cookie-authenticated
 * request that changes state must come from our own origin: the Origin check is the CSRF guard.
 */
export function requireSession(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { sessions, config } = c.var.services;
    const bearer = sessions.readBearer(c.req.header('authorization'));
    const cookie = bearer ? undefined : getCookie(c, sessions.cookieName);
    const id = bearer ?? cookie;
    if (!id) throw new ApiFailure(401, 'unauthenticated', 'Cần đăng nhập / Sign-in required');
    if (!bearer && UNSAFE.has(c.req.method)) {
      const origin = c.req.header('origin');
      const self = new URL(c.req.url).origin;
      if (!origin || (origin !== self && !config.allowedOrigins.includes(origin))) {
        throw new ApiFailure(403, 'bad_origin', 'Yêu cầu từ nguồn không được phép / Cross-origin request refused');
      }
    }
    const result = await sessions.validate(id);
    if (!result) throw new ApiFailure(401, 'session_expired', 'Phiên đăng nhập hết hạn / Session expired or signed out');
    if (cookie && result.session.fresh) c.header('Set-Cookie', sessions.cookie(result.session.id), { append: true });
    if (roles.length && !roles.includes(result.official.role)) {
      throw new ApiFailure(403, 'forbidden', 'Không có quyền / Your role may not do this');
    }
    c.set('official', result.official);
    await next();
  };
}
