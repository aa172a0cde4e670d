import type { Db } from '../db/connect.ts';
import type { SessionManager, SessionOfficial } from '../auth/lucia.ts';
import type { Config } from '../config.ts';
import type { Logger } from './logger.ts';
import type { IntegrityKey } from '../integrity/signing-key.ts';

/** What every handler can reach: no globals, so tests build as many apps as they like. */
export type Services = {
  config: Config;
  db: Db;
  dialect: 'sqlite' | 'postgres';
  sessions: SessionManager;
  /** Signs checkpoints and tags chained rows; the key lives in CHECKPOINT_KEY_FILE, not in the database. */
  integrity: IntegrityKey;
  log: Logger;
  now: () => number;
};

export type AppEnv = {
  Variables: {
    services: Services;
    official: SessionOfficial;
    /** The token the request was authenticated with (bearer or cookie). */
    sessionToken: string;
    requestId: string;
  };
};
