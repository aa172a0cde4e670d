import { DatabaseSync } from 'node:sqlite';
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
      return {
        close: () => db.close(),
        prepare: (sql: string) => {
          const stmt = db.prepare(sql);
          const reader = stmt.columns().length > 0;
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
