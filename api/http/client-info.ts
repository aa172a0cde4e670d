import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';

/**
 * Who is asking and over what, as far as the API can tell. Forwarded headers are honoured only
 * from the proxies TRUST_PROXY says are in front (anyone can send them); with N trusted proxies,
 * the client is the N-th address from the right of X-Forwarded-For, the one the outermost trusted
 * proxy appended.
 */
const socketOf = (c: Context) => (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket;

function fromRight(header: string | undefined, hops: number): string | null {
  if (!header || hops <= 0) return null;
  const list = header
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return list.length >= hops ? list[list.length - hops]! : (list[0] ?? null);
}

/** The client's address; `local` for in-process requests (tests) that have no socket. */
export function clientAddress(c: Context, trustProxy: number): string {
  const forwarded = fromRight(c.req.header('x-forwarded-for'), trustProxy);
  const direct = socketOf(c)?.remoteAddress;
  return (forwarded ?? direct ?? 'local').replace(/^::ffff:/, '').slice(0, 64);
}

/** Whether the client reached us over HTTPS: a TLS socket, or a trusted proxy saying so. */
export function requestIsHttps(c: Context, trustProxy: number): boolean {
  const proto = fromRight(c.req.header('x-forwarded-proto'), trustProxy);
  if (proto) return proto.toLowerCase() === 'https';
  const socket = socketOf(c) as { encrypted?: boolean } | undefined;
  if (socket?.encrypted) return true;
  return new URL(c.req.url).protocol === 'https:';
}

/** The origin the client used to reach us (scheme from requestIsHttps, host from the Host header). */
export function requestOrigin(c: Context, trustProxy: number): string {
  const url = new URL(c.req.url);
  const host = (trustProxy > 0 ? fromRight(c.req.header('x-forwarded-host'), trustProxy) : null) ?? c.req.header('host') ?? url.host;
  return `${requestIsHttps(c, trustProxy) ? 'https' : 'http'}://${host}`;
}
