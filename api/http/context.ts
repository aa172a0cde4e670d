import type { Db } from '../db/connect.ts';
import type { SessionManager, SessionOfficial } from '../auth/lucia.ts';
import type { Config } from '../config.ts';
import type { Logger } from './logger.ts';

/** What every handler can reach: no globals, so tests build as many apps as they like. */
export type Services = {
  config: Config;
  db: Db;
  dialect: 'sqlite' | 'postgres';
  sessions: SessionManager;
  log: Logger;
  now: () => number;
};

export type AppEnv = {
  Variables: {
    services: Services;
    official: SessionOfficial;
    requestId: string;
  };
};
