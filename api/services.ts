import type { Config } from './config.ts';
import { openStorage, type Storage } from './db/connect.ts';
import { createSessionManager } from './auth/lucia.ts';
import { createLogger } from './http/logger.ts';
import type { Services } from './http/context.ts';

export async function createServices(config: Config, overrides: Partial<Pick<Services, 'now' | 'log'>> = {}): Promise<Services & { storage: Storage }> {
  const storage = await openStorage(config.database);
  return {
    config,
    storage,
    db: storage.db,
    dialect: storage.dialect,
    sessions: createSessionManager(storage.db, { days: config.sessionDays, secureCookies: config.secureCookies }),
    log: overrides.log ?? createLogger(config.logLevel),
    now: overrides.now ?? Date.now,
  };
}
