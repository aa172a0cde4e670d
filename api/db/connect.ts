import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './tables.ts';
import { createNodeSqliteDialect } from './node-sqlite.ts';
import { migrateToLatest } from './migrate.ts';

export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };
export type Db = Kysely<Database>;
export type Storage = { db: Db; dialect: DatabaseTarget['kind']; close(): Promise<void> };

// int8 and numeric arrive as strings from pg; our values are epoch ms and sums well inside 2^53.
const INT8 = 20;
const NUMERIC = 1700;
const pgTypes = {
  getTypeParser: (oid: number, format?: string) => {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => (v === null ? null : Number(v));
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

// Bulk paths (COPY, parallel lanes) open connections of their own to the same database.
const targets = new WeakMap<Db, DatabaseTarget>();

/** Where a database opened by openStorage lives; undefined for one built elsewhere. */
export function targetOf(db: Db): DatabaseTarget | undefined {
  return targets.get(db);
}

export async function openStorage(target: DatabaseTarget, opts: { migrate?: boolean; poolSize?: number } = {}): Promise<Storage> {
  const dialect =
    target.kind === 'postgres'
      ? new PostgresDialect({ pool: new pg.Pool({ connectionString: target.url, max: opts.poolSize ?? 10, types: pgTypes }) })
      : createNodeSqliteDialect(target.path);
  const db = new Kysely<Database>({ dialect });
  targets.set(db, target);
  if (opts.migrate !== false) await migrateToLatest(db, target.kind);
  return { db, dialect: target.kind, close: () => db.destroy() };
}
