/**
 * `node api/cli/derive-worker.ts`: the derivation worker as a process of its own
 * (deploy/systemd/dossier-pulse-derive.service), for API processes started with DERIVE_IN_API=0.
 * It claims dossiers with row locks like the in-process worker, so several may run.
 */
import { configOrExit } from '../config-or-exit.ts';
import { openStorage } from '../db/connect.ts';
import { createLogger } from '../http/logger.ts';
import { startDeriveWorker } from '../derive/derive-worker.ts';

const config = configOrExit();
const log = createLogger(config.logLevel);
const storage = await openStorage(config.database);
const worker = startDeriveWorker({ db: storage.db, now: Date.now, log });
log.info('derive worker started', { worker: worker.id, database: config.database.kind });
// The worker's timers never hold a process open (in the API the server does); here this does.
const keepAlive = setInterval(() => undefined, 60_000);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log.info('derive worker stopping', { signal, ...worker.tally });
    clearInterval(keepAlive);
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    void worker
      .stop()
      .then(() => storage.close())
      .then(() => process.exit(0));
  });
}
