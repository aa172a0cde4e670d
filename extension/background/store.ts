import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { CaptureEvent } from '../../shared/schemas/events.ts';

/** An event waiting to be acknowledged; it belongs to the official who was signed in when it happened. */
export type QueuedEvent = { key?: number; officialId: string; event: CaptureEvent; queuedAt: number; attempts: number };
/** The open activity span of one dossier: heartbeats from every tab extend the same span. */
export type OpenSpan = {
  key: string;
  officialId: string;
  dossierCode: string;
  start: number;
  end: number;
  profile: { id: string; version: number };
  backofficeUser?: string;
  identityMismatch?: boolean;
};
export type RejectedEvent = { key?: number; officialId: string; event: CaptureEvent; reason: string; at: number };

interface PulseDb extends DBSchema {
  outbox: { key: number; value: QueuedEvent; indexes: { byOfficial: string } };
  spans: { key: string; value: OpenSpan };
  rejected: { key: number; value: RejectedEvent };
}

export type Store = IDBPDatabase<PulseDb>;

const opened = new Map<string, Promise<Store>>();

/** IndexedDB, not memory: the MV3 worker can be stopped at any moment and must lose nothing. */
export function openStore(name = 'dossier-pulse'): Promise<Store> {
  const known = opened.get(name);
  if (known) return known;
  const db = openDB<PulseDb>(name, 1, {
    upgrade(db) {
      const outbox = db.createObjectStore('outbox', { keyPath: 'key', autoIncrement: true });
      outbox.createIndex('byOfficial', 'officialId');
      db.createObjectStore('spans', { keyPath: 'key' });
      db.createObjectStore('rejected', { keyPath: 'key', autoIncrement: true });
    },
  });
  opened.set(name, db);
  return db;
}
