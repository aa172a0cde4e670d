import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { POSTGRES_URL } from '../../support/requirements.ts';

export type ScratchDatabase = { url: string; name: string; drop(): Promise<void> };

/**
 * A whole scratch database rather than tests/support's fresh schema: Kysely's migrator looks
 * for its lock table in every schema of the database, so a schema-per-run migration fails with
 * "relation kysely_migration_lock does not exist" while any other schema (a colleague's test
 * running at the same time, or one left by a killed run) holds migration tables.
 */
export async function scratchDatabase(prefix = 'dp_bench'): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      try {
        // A pool's end() resolves before its sockets are closed; forcing the drop at once would
        // terminate those sockets and their clients would emit an unhandled 'error'. So wait for
        // the database to be free, and force only what a killed process left behind.
        for (let i = 0; i < 50; i++) {
          try {
            await c.query(`drop database if exists ${name}`);
            return;
          } catch (e) {
            if ((e as { code?: string }).code !== '55006') throw e;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

export async function postgresReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}
