import type { Config } from './config.ts';
import { openStorage, type Storage } from './db/connect.ts';
import { createSessionManager } from './auth/lucia.ts';
import { createLogger } from './http/logger.ts';
import { loadIntegrityKey } from './integrity/signing-key.ts';
import type { Services } from './http/context.ts';

export async function createServices(
  config: Config,
  overrides: Partial<Pick<Services, 'now' | 'log' | 'integrity'>> = {},
): Promise<Services & { storage: Storage }> {
  const storage = await openStorage(config.database);
  const now = overrides.now ?? Date.now;
  return {
    config,
    storage,
    db: storage.db,
    dialect: storage.dialect,
    sessions: createSessionManager(storage.db, {
      idleDays: config.sessionDays,
      absoluteDays: config.sessionAbsoluteDays,
      secureCookies: config.secureCookies,
      now,
    }),
    integrity: overrides.integrity ?? loadIntegrityKey(config.checkpoint.keyFile, { create: config.checkpoint.createKey }),
    log: overrides.log ?? createLogger(config.logLevel),
    now,
  };
}
