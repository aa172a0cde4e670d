import type { Db } from '../db/connect.ts';
import type { Logger } from '../http/logger.ts';
import type { IntegrityKey } from './signing-key.ts';
import { issueCheckpoint, pruneCheckpoints } from './checkpoints.repository.ts';

/**
 * Issues a checkpoint every `intervalMinutes` when a chain moved since the last one, and prunes
 * old ones. Several API processes may each run one: issuing is serialised and a process that
 * finds nothing new issues nothing.
 */
export function startCheckpointWorker(
  services: { db: Db; integrity: IntegrityKey; now: () => number; log: Logger },
  intervalMinutes: number,
): { stop(): Promise<void> } {
  if (intervalMinutes <= 0) return { stop: async () => undefined };
  let running: Promise<void> | null = null;
  let stopped = false;
  const round = async () => {
    try {
      const row = await issueCheckpoint(services.db, services.integrity, services.now(), { ifChanged: true });
      if (row) {
        services.log.info('checkpoint issued', { seq: Number(row.seq) });
        await pruneCheckpoints(services.db);
      }
    } catch (e) {
      if (!stopped) services.log.error('checkpoint failed', { error: String(e) });
    }
  };
  const timer = setInterval(() => {
    if (!running) running = round().finally(() => (running = null));
  }, intervalMinutes * 60_000);
  timer.unref?.();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
