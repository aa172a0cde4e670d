import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TestDatabase } from '../support/databases.ts';
import { STORAGE_DIALECTS } from '../support/dialects.ts';
import { TEST_KEY_FILE } from '../support/integrity.ts';
import { loadConfig } from '../../api/config.ts';
import { startApi, type RunningApi } from '../../api/server.ts';

/**
 * The red-team cases only a real server shows: bodies far over the limit (declared and streamed),
 * clients dripping their headers, one client opening hundreds of connections. On each database,
 * because the API is the same but its storage differs.
 */
const CAP = 20;

/** A body streamed in 64 KiB pieces of one reused buffer, so the test itself holds little memory. */
function streamBody(port: number, path: string, bytes: number, declare: boolean): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path,
        agent: false,
        headers: { 'content-type': 'application/json', ...(declare ? { 'content-length': String(bytes) } : {}) },
      },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - started });
        req.destroy();
      },
    );
    req.on('error', () => resolve({ status: -1, ms: performance.now() - started }));
    const piece = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      req.end();
    };
    req.write('{"username":"');
    pump();
  });
}

function drip(port: number): Promise<{ socket: Socket; closed: Promise<number> }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const opened = performance.now();
    const closed = new Promise<number>((r) => socket.on('close', () => r(performance.now() - opened)));
    socket.on('error', () => undefined);
    socket.on('connect', () => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write('X-Drip: 1\r\n')), 300);
      socket.on('close', () => clearInterval(timer));
      resolve({ socket, closed });
    });
    socket.on('close', () => resolve({ socket, closed }));
  });
}

describe.each(STORAGE_DIALECTS)('red team over HTTP on $name', ({ make }) => {
  let database: TestDatabase;
  let api: RunningApi;
  let port: number;

  beforeAll(async () => {
    database = await make();
    const env = database.target.kind === 'postgres' ? { DATABASE_URL: database.target.url } : { SQLITE_PATH: database.target.path };
    api = await startApi(
      loadConfig({
        ...env,
        PORT: '0',
        DEMO: '1',
        LOG_LEVEL: 'silent',
        CHECKPOINT_KEY_FILE: TEST_KEY_FILE,
        MAX_CONNECTIONS_PER_CLIENT: String(CAP),
        HEADERS_TIMEOUT_MS: '1500',
      }),
    );
    port = Number(new URL(api.url).port);
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  test('50 MB sign-in bodies are refused at the limit, not held in memory', async () => {
    // Declared up front: refused from the header alone.
    const declared = await Promise.all(Array.from({ length: 4 }, () => streamBody(port, '/v1/auth/login', 50_000_000, true)));
    expect(declared.map((d) => d.status)).toEqual([413, 413, 413, 413]);
    // Streamed without a length: counted as it arrives and cut off at the limit.
    const heapBefore = process.memoryUsage().heapUsed;
    const streamed = await Promise.all(Array.from({ length: 4 }, () => streamBody(port, '/v1/auth/login', 50_000_000, false)));
    expect(streamed.map((d) => d.status)).toEqual([413, 413, 413, 413]);
    // 4 × 50 MB read whole would be 200 MB and more; the API reads 4 KiB of each.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
    // Every route has a limit, not only sign-in and ingest.
    expect((await streamBody(port, '/v1/inspections', 5_000_000, false)).status).toBe(413);
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
  });

  test('clients dripping headers are cut off, and one address cannot hold more than its share of connections', async () => {
    const drips = await Promise.all(Array.from({ length: CAP * 3 }, () => drip(port)));
    await new Promise((r) => setTimeout(r, 300));
    const open = drips.filter((d) => !d.socket.destroyed).length;
    expect(open).toBeLessThanOrEqual(CAP);
    const lifetimes = await Promise.race([
      Promise.all(drips.map((d) => d.closed)),
      new Promise<null>((r) => setTimeout(() => r(null), 8000)),
    ]);
    expect(lifetimes, 'every dripping connection closed by the header timeout').not.toBeNull();
    for (const d of drips) d.socket.destroy();
    // The server answers normally once they are gone.
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
  });
});
