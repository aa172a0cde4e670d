import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { openStorage, type Storage } from '../../api/db/connect.ts';
import { POSTGRES_URL } from './requirements.ts';
import type { TestDatabase } from './databases.ts';

/**
 * A full copy of a test database (every table, the migration bookkeeping included), opened as
 * its own storage (and the environment that points the API or a CLI at it): a tamper test
 * spoils the copy and leaves the populated original for the next.
 */
export async function copyDatabase(
  source: Storage,
  from: TestDatabase,
): Promise<{ storage: Storage; env: Record<string, string>; drop(): Promise<void> }> {
  if (from.target.kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'dp-copy-'));
    const path = join(dir, 'copy.sqlite');
    await sql`vacuum into ${path}`.execute(source.db);
    const storage = await openStorage({ kind: 'sqlite', path });
    return {
      storage,
      env: { SQLITE_PATH: path, DATABASE_URL: '' },
      drop: async () => (await storage.close(), rmSync(dir, { recursive: true, force: true })),
    };
  }
  const fromSchema = new URL(from.target.url).searchParams.get('options')!.replace(/^-c search_path=/, '');
  const schema = `c_${randomBytes(6).toString('hex')}`;
  const c = new pg.Client({ connectionString: POSTGRES_URL });
  await c.connect();
  try {
    await c.query(`create schema ${schema}`);
    const tables = await c.query<{ table_name: string }>(
      `select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE'`,
      [fromSchema],
    );
    for (const { table_name: t } of tables.rows) {
      await c.query(`create table ${schema}."${t}" (like ${fromSchema}."${t}" including all)`);
      await c.query(`insert into ${schema}."${t}" select * from ${fromSchema}."${t}"`);
    }
  } finally {
    await c.end();
  }
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const storage = await openStorage({ kind: 'postgres', url: url.toString() });
  return {
    storage,
    env: { DATABASE_URL: url.toString() },
    drop: async () => {
      await storage.close();
      const d = new pg.Client({ connectionString: POSTGRES_URL });
      await d.connect();
      await d.query(`drop schema ${schema} cascade`);
      await d.end();
    },
  };
}
