import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyMode = 'pass' | 'down' | 'hold';
type Held = { release(): void; clientGone: boolean };

/**
 * Sits between the extension and the API so a test can script what the network does: refuse
 * (down), hold requests in flight (to stop the worker mid-flush), deliver a batch twice, or
 * shift every client time (a client clock that is off). Every request body is kept for scans.
 */
export async function startApiProxy(upstream: string) {
  let mode: ProxyMode = 'pass';
  let duplicate = false;
  let shiftMs = 0;
  const held: Held[] = [];
  const bodies: string[] = [];
  const waiters: (() => void)[] = [];
  const up = new URL(upstream);

  function forward(
    method: string,
    path: string,
    headers: IncomingMessage['headers'],
    body: Buffer,
  ): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: up.hostname, port: up.port, method, path, headers: { ...headers, host: up.host, 'content-length': String(body.length) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers as Record<string, string>, body: Buffer.concat(chunks) }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  function shiftTimes(text: string): string {
    if (!shiftMs) return text;
    const body = JSON.parse(text) as { sentAt?: string; events?: Record<string, unknown>[] };
    const shift = (v: unknown) => (typeof v === 'string' ? new Date(Date.parse(v) + shiftMs).toISOString() : v);
    if (body.sentAt) body.sentAt = shift(body.sentAt) as string;
    for (const e of body.events ?? []) for (const k of ['at', 'start', 'end']) if (k in e) e[k] = shift(e[k]);
    return JSON.stringify(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body = Buffer.concat(chunks);
    if (body.length) bodies.push(body.toString('utf8'));
    if (mode === 'down') {
      req.socket.destroy();
      return;
    }
    const isIngest = req.method === 'POST' && req.url?.startsWith('/v1/events');
    if (isIngest && shiftMs) body = Buffer.from(shiftTimes(body.toString('utf8')));
    if (mode === 'hold' && isIngest) {
      await new Promise<void>((release) => {
        const h: Held = { release, clientGone: false };
        // The sender gave up on the request (its worker or event page was stopped mid-flush).
        res.once('close', () => (h.clientGone = !res.writableEnded));
        held.push(h);
        waiters.splice(0).forEach((w) => w());
      });
    }
    try {
      let reply = await forward(req.method ?? 'GET', req.url ?? '/', req.headers, body);
      if (duplicate && isIngest) reply = await forward(req.method ?? 'GET', req.url ?? '/', req.headers, body);
      if (res.destroyed || req.socket.destroyed) return;
      if (shiftMs && reply.status === 200 && /^\/v1\/(events|auth\/login)/.test(req.url ?? '')) {
        // The client's clock reads `shiftMs` ahead, so our clock looks that far behind to it.
        const json = JSON.parse(reply.body.toString('utf8')) as { serverTime?: string };
        if (json.serverTime) json.serverTime = new Date(Date.parse(json.serverTime) - shiftMs).toISOString();
        reply = { ...reply, body: Buffer.from(JSON.stringify(json)) };
      }
      const headers = { ...reply.headers };
      delete headers['content-length'];
      delete headers['transfer-encoding'];
      res.writeHead(reply.status, headers).end(reply.body);
    } catch {
      req.socket.destroy();
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    setMode(m: ProxyMode) {
      mode = m;
      if (m !== 'hold') held.splice(0).forEach((h) => h.release());
    },
    setDuplicate(v: boolean) {
      duplicate = v;
    },
    setShift(ms: number) {
      shiftMs = ms;
    },
    /** Resolves once an ingest request is being held. */
    async heldRequest(): Promise<void> {
      if (held.length) return;
      await new Promise<void>((r) => waiters.push(r));
    },
    /** Whether every held request's sender has since closed its connection. */
    heldAbandoned(): boolean {
      return held.length > 0 && held.every((h) => h.clientGone);
    },
    releaseHeld() {
      held.splice(0).forEach((h) => h.release());
    },
    close: () =>
      new Promise<void>((r) => {
        held.splice(0).forEach((h) => h.release());
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
export type ApiProxy = Awaited<ReturnType<typeof startApiProxy>>;
