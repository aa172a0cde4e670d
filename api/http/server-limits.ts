import type { Server } from 'node:http';
import type { ServerOptions } from 'node:http';
import type { Config } from '../config.ts';

/**
 * Slow or greedy clients cannot hold the server: headers must arrive within `headersTimeoutMs`
 * and the whole request within `requestTimeoutMs` (checked every second, not Node's default 30 s),
 * and one address may hold at most `connectionsPerClient` connections (behind a proxy every
 * client shares its address: raise or turn off the cap there).
 */
export function serverOptions(limits: Config['limits']): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: 1000,
    keepAliveTimeout: 5000,
  };
}

export function capConnectionsPerClient(server: Server, perClient: number): void {
  if (perClient <= 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? '?';
    const n = (open.get(address) ?? 0) + 1;
    if (n > perClient) {
      socket.destroy();
      return;
    }
    open.set(address, n);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}
