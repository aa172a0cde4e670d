import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiLogin } from '../support/stack.ts';
import { startApiProcess, type ChildServer } from '../bench/support/api-process.ts';
import { createPrng } from '../bench/support/prng.ts';
import { checkResponse } from './support/check-response.ts';
import { fuzzRequest, type FuzzContext } from './support/fuzz-cases.ts';
import { captureBurst, dossierCodes } from './support/capture.ts';

const CASES = Number(process.env.FUZZ_HTTP_CASES ?? 600);
const SEED = Number(process.env.FUZZ_SEED ?? 7331);

/** A request written by hand on a socket, for what fetch will not send (lying or cut bodies). */
function raw(port: number, head: string, body: Buffer | string, opts: { cut?: boolean } = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => {
      s.write(head + '\r\n');
      s.write(body);
      if (opts.cut) s.destroy();
    });
    let data = '';
    s.on('data', (d) => (data += d.toString('latin1')));
    s.on('close', () =>
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0), text: data.slice(data.indexOf('\r\n\r\n') + 4) }),
    );
    s.on('error', (e) => (opts.cut ? resolve({ status: 0, text: '' }) : reject(e)));
    s.setTimeout(10_000, () => s.destroy());
  });
}

/** One request on a connection of its own (closed after the answer). */
function isolated(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false, headers: { ...headers, connection: 'close' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function chunked(port: number, token: string, bytes: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/v1/events',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', () => resolve(-1));
    const piece = Buffer.alloc(64 * 1024, 'a');
    for (let sent = 0; sent < bytes; sent += piece.length) req.write(piece);
    req.end();
  });
}

/** A smaller sample of the same cases over real HTTP, plus what only a socket can send. */
describe('fuzzing the API over real HTTP', () => {
  let dir: string;
  let api: ChildServer;
  const ctx: FuzzContext = { tokens: [], knownIds: [] };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dp-fuzz-http-'));
    api = await startApiProcess({ sqlitePath: join(dir, 'api.sqlite') }, { env: { DEMO: '1', LOG_LEVEL: 'error' } });
    for (const u of ['admin', 'thanhtra', 'chuyenvien1', 'motcua1', 'lanhdao1']) ctx.tokens.push(await apiLogin(api.url, u));
  });
  afterAll(async () => {
    await api?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  test(`${CASES} generated requests and hand-written socket abuse: no 5xx, error shapes, process alive`, { timeout: 300_000 }, async () => {
    const rng = createPrng(SEED);
    const problems: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const req = fuzzRequest(rng, ctx);
      const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : req.body;
      try {
        // Over-limit bodies go on a connection of their own: a 413 closes its socket (see the
        // keep-alive test below), and the cases after it should not depend on that.
        const res =
          req.family === 'ingest-oversized'
            ? await isolated(api.url + req.path, req.method, req.headers, body)
            : await fetch(api.url + req.path, { method: req.method, headers: req.headers, body }).then(async (r) => ({
                status: r.status,
                text: await r.text(),
              }));
        const problem = checkResponse(req, res.status, res.text);
        if (problem) problems.push(`#${i} ${req.family} ${req.method} ${req.path.slice(0, 120)}: ${problem}`);
      } catch (e) {
        problems.push(`#${i} ${req.method} ${req.path.slice(0, 120)}: ${String((e as { cause?: unknown }).cause ?? e).slice(0, 200)}`);
      }
    }
    expect(problems.slice(0, 20), `${problems.length} problems (seed ${SEED})`).toEqual([]);

    const port = Number(new URL(api.url).port);
    const token = ctx.tokens[2]!;
    const head = (len: number | string) =>
      `POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${len}\r\nConnection: close\r\n`;
    // More than 1 MiB without a declared length must stop at the limit, not be buffered whole.
    expect(await chunked(port, token, 3 * 1024 * 1024)).toBe(413);
    // A declared length far above the limit is refused from the header alone.
    const lying = await raw(port, head(50_000_000), '{"sentAt":');
    expect(lying.status).toBe(413);
    expect(JSON.parse(lying.text).error.code).toBeTruthy();
    // Bytes that are not UTF-8, and NULs, inside an otherwise plausible body.
    const junk = Buffer.concat([
      Buffer.from('{"sentAt":"2025-11-20T01:00:00Z","events":["'),
      Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0]),
      Buffer.from('"]}'),
    ]);
    const bad = await raw(port, head(junk.length), junk);
    expect(bad.status).toBeGreaterThanOrEqual(200);
    expect(bad.status).toBeLessThan(500);
    // A client that disappears in the middle of its body.
    await raw(port, head(100_000), '{"sentAt":"2025-11-20T01:00:00Z","events":[', { cut: true });

    // Still alive, still healthy, still ingesting, and nothing reached the unhandled-error path.
    expect(api.child.exitCode).toBeNull();
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    const ok = await fetch(`${api.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sentAt: new Date().toISOString(), events: captureBurst(createPrng(1), 3, dossierCodes(2)) }),
    });
    expect(ok.status === 200 || ok.status === 429).toBe(true);
    expect(api.output()).not.toMatch(/"msg":"unhandled"/);
  });

  /**
   * A body over the limit is answered 413 before the rest of it is read, so that socket cannot
   * carry another request: the 413 must say `Connection: close` (it once said keep-alive and the
   * socket died under the client's next request).
   */
  test('after a 413 the kept-alive connection answers the next request', { timeout: 30_000 }, async () => {
    const port = Number(new URL(api.url).port);
    const body = JSON.stringify({ sentAt: new Date().toISOString(), events: ['x'.repeat(1_100_000)] });
    const first = `POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ctx.tokens[2]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`;
    const answers = await new Promise<string>((resolve) => {
      const s = connect(port, '127.0.0.1', () => s.write(`${first}\r\n${body}`));
      let data = '';
      let asked = false;
      s.on('data', (d) => {
        data += d.toString('latin1');
        if (!asked && /HTTP\/1\.1 413/.test(data)) {
          asked = true;
          setTimeout(() => !s.destroyed && s.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'), 50);
        }
      });
      s.on('close', () => resolve(data));
      setTimeout(() => s.destroy(), 3000);
    });
    const statuses = answers.match(/HTTP\/1\.1 \d{3}/g) ?? [];
    // Either the 413 closes the connection honestly, or the next request is answered.
    expect(/connection: close/i.test(answers) || statuses.length === 2).toBe(true);
  });
});
