import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { ApiFailure } from '../http/errors.ts';
import { requestIsHttps, requestOrigin } from '../http/client-info.ts';
import type { Role } from '../../shared/schemas/api.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The request's Origin is this API's own (or one configured for the dashboard). */
export function isOwnOrigin(c: Context<AppEnv>, origin: string): boolean {
  const { config } = c.var.services;
  return origin === requestOrigin(c, config.trustProxy) || config.allowedOrigins.includes(origin);
}

export const badOrigin = () => new ApiFailure(403, 'bad_origin', 'Yêu cầu từ nguồn không được phép / Cross-origin request refused');

/**
 * Bearer tokens (the extension) or the session cookie (the dashboard). A cookie-authenticated
 * request that changes state must come from our own origin: the Origin check is the CSRF guard.
 * The cookie is read by its exact name, `__Host-dp_session` over HTTPS and `dp_session` over HTTP.
 */
export function requireSession(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { sessions, config } = c.var.services;
    const secure = requestIsHttps(c, config.trustProxy);
    const bearer = sessions.readBearer(c.req.header('authorization'));
    const cookie = bearer ? null : sessions.readCookie(c.req.header('cookie'), secure);
    const token = bearer ?? cookie;
    if (!token) throw new ApiFailure(401, 'unauthenticated', 'Cần đăng nhập / Sign-in required');
    if (!bearer && UNSAFE.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (!origin || !isOwnOrigin(c, origin)) throw badOrigin();
    }
    const result = await sessions.validate(token);
    if (!result) throw new ApiFailure(401, 'session_expired', 'Phiên đăng nhập hết hạn / Session expired or signed out');
    if (cookie && result.session.fresh) c.header('Set-Cookie', sessions.cookie(token, result.session.expiresAt, secure), { append: true });
    if (roles.length && !roles.includes(result.official.role)) {
      throw new ApiFailure(403, 'forbidden', 'Không có quyền / Your role may not do this');
    }
    c.set('official', result.official);
    c.set('sessionToken', token);
    await next();
  };
}
