import { createServer as createHttpsServer } from 'node:https';
import { serve, type ServerType } from '@hono/node-server';
import type { Config } from './config.ts';
import { configOrExit } from './config-or-exit.ts';
import { createApp } from './app.ts';
import { createServices } from './services.ts';
import { seedDemo } from './seed/demo.ts';
import { startDeriveWorker } from './derive/derive-worker.ts';
import { startCheckpointWorker } from './integrity/checkpoint-worker.ts';
import { capConnectionsPerClient, serverOptions } from './http/server-limits.ts';
import type { Server } from 'node:http';

export type RunningApi = { url: string; close(): Promise<void>; services: Awaited<ReturnType<typeof createServices>> };

/** Starts the API; in demo mode an empty database gets the demo units and accounts first. */
export async function startApi(config: Config): Promise<RunningApi> {
  const services = await createServices(config);
  if (config.demo) await seedDemo(services.db);
  const app = createApp(services);
  // Derives dossiers marked by ingest, about once a second; stopped before the database closes.
  // A separate worker (api/cli/derive-worker.ts) may do it instead: DERIVE_IN_API=0.
  const worker = config.deriveInApi ? startDeriveWorker(services) : null;
  const checkpoints = startCheckpointWorker(services, config.checkpoint.intervalMinutes);
  // With its own certificate the API speaks HTTPS itself; behind a proxy, plain HTTP on localhost.
  const limits = serverOptions(config.limits);
  const tls = config.tls
    ? { createServer: createHttpsServer, serverOptions: { ...limits, cert: config.tls.cert, key: config.tls.key } }
    : { serverOptions: limits };
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host, ...tls }, () => resolve(s));
  });
  capConnectionsPerClient(server as Server, config.limits.connectionsPerClient);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let closing: Promise<void> | undefined;
  return {
    url: `${config.tls ? 'https' : 'http'}://${config.host}:${port}`,
    services,
    // Stop accepting, let in-flight requests (an ingest transaction) finish, then close the database.
    close: () =>
      (closing ??= new Promise<void>((resolve) => server.close(() => resolve()))
        .then(() => Promise.all([worker?.stop(), checkpoints.stop()]))
        .then(() => services.storage.close())),
  };
}

if (import.meta.main) {
  const config = configOrExit();
  const api = await startApi(config);
  api.services.log.info('listening', { url: api.url, database: config.database.kind });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      api.services.log.info('shutting down', { signal });
      const force = setTimeout(() => process.exit(1), 10_000);
      force.unref();
      void api.close().then(() => process.exit(0));
    });
  }
}
