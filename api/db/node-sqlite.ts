import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { SqliteDialect } from 'kysely';

/**
 * Kysely's SQLite dialect speaks better-sqlite3's interface; node:sqlite is built into Node
 * (no native addon to compile), so this adapts its statements to that interface.
 */
export function createNodeSqliteDialect(path: string): SqliteDialect {
  return new SqliteDialect({
    database: async () => {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      const db = new DatabaseSync(path);
      db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
      // Kysely prepares every query it runs; the same few statement texts come back all the time
      // (ingest prepared each of its inserts anew), so prepared statements are kept by their text.
      const prepared = new Map<string, { stmt: StatementSync; reader: boolean }>();
      const prepare = (sql: string) => {
        let p = prepared.get(sql);
        if (p) {
          prepared.delete(sql);
        } else {
          const stmt = db.prepare(sql);
          p = { stmt, reader: stmt.columns().length > 0 };
          if (prepared.size >= 500) prepared.delete(prepared.keys().next().value!);
        }
        prepared.set(sql, p);
        return p;
      };
      return {
        close: () => db.close(),
        prepare: (sql: string) => {
          const { stmt, reader } = prepare(sql);
          return {
            reader,
            all: (params: readonly unknown[]) => stmt.all(...(params as never[])),
            run: (params: readonly unknown[]) => {
              const r = stmt.run(...(params as never[]));
              return { changes: Number(r.changes), lastInsertRowid: Number(r.lastInsertRowid) };
            },
            iterate: (params: readonly unknown[]) => stmt.iterate(...(params as never[])),
          };
        },
      };
    },
  });
}
