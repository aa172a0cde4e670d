import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiFailure } from './errors.ts';

/**
 * Protections every answer gets, whatever route it comes from.
 */

/** For HTML without a policy of its own (error pages, the "not built" page): nothing may run or load. */
const DEFAULT_HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * `nosniff` on everything; a CSP on every HTML page (routes that serve HTML set a fitting one);
 * `no-store` on API answers, which carry officials' data for whoever is signed in; no framing.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('X-Content-Type-Options', 'nosniff');
    if (!h.has('X-Frame-Options')) h.set('X-Frame-Options', 'DENY');
    if (!h.has('Referrer-Policy')) h.set('Referrer-Policy', 'no-referrer');
    if ((h.get('content-type') ?? '').startsWith('text/html') && !h.has('Content-Security-Policy'))
      h.set('Content-Security-Policy', DEFAULT_HTML_CSP);
    if (c.req.path.startsWith('/v1/') && !h.has('Cache-Control')) h.set('Cache-Control', 'no-store');
  };
}

/**
 * A percent-encoded NUL in the path or query would reach a database lookup as a NUL, which
 * PostgreSQL refuses (a 500) and SQLite keeps: refused here, on both.
 */
export function rejectNulInUrl(): MiddlewareHandler {
  return async (c, next) => {
    if (/%00/i.test(c.req.url)) throw new ApiFailure(400, 'invalid_text', 'Đường dẫn chứa ký tự NUL / The URL contains a NUL character');
    await next();
  };
}

const KIB = 1024;
/**
 * Ingest batches (1 MiB, checked by their route after the session so a stranger's body is never
 * read) and admin documents (512 KiB) are larger; sign-in needs little.
 */
const OWN_LIMIT = ['/v1/events'];
const LIMITS: { prefix: string; bytes: number }[] = [
  { prefix: '/v1/admin/', bytes: 512 * KIB },
  // A back-office's handling log arrives whole (xlsx as base64).
  { prefix: '/v1/reconcile/imports', bytes: 6 * 1024 * KIB },
  { prefix: '/v1/auth/', bytes: 4 * KIB },
];
const DEFAULT_LIMIT = 64 * KIB;

/**
 * A body limit on every route, checked from Content-Length before reading and counted while a
 * chunked body streams in, so a 50 MB body is refused without being held in memory.
 */
export function bodyLimits(): MiddlewareHandler {
  const make = (bytes: number) =>
    bodyLimit({
      maxSize: bytes,
      onError: (c) => {
        // The rest of the body is never read, so this socket cannot carry another request.
        c.header('Connection', 'close');
        throw new ApiFailure(413, 'body_too_large', `Nội dung vượt quá ${bytes} byte / Body exceeds ${bytes} bytes`);
      },
    });
  const byPrefix = LIMITS.map((l) => ({ prefix: l.prefix, limit: make(l.bytes) }));
  const fallback = make(DEFAULT_LIMIT);
  return (c, next) => {
    if (OWN_LIMIT.some((p) => c.req.path === p || c.req.path === `${p}/`)) return next();
    return (byPrefix.find((l) => c.req.path.startsWith(l.prefix))?.limit ?? fallback)(c, next);
  };
}
