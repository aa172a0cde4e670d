import { sql, type Kysely } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import * as m0001 from './migrations/0001-initial.ts';
import * as m0002 from './migrations/0002-admin.ts';
import * as m0003 from './migrations/0003-derived.ts';
import * as m0004 from './migrations/0004-inspections.ts';
import * as m0005 from './migrations/0005-period-rollups.ts';
import * as m0006 from './migrations/0006-evidence.ts';
import * as m0007 from './migrations/0007-hardening.ts';
import * as m0008 from './migrations/0008-rebuild-indexes.ts';
import * as m0009 from './migrations/0009-backoffice-log.ts';
import * as m0010 from './migrations/0010-evaluation.ts';
import * as m0011 from './migrations/0011-personal-data.ts';

/** A static list (no directory scan) so migrations work the same under Node, Vite and bundlers. */
const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-admin': m0002,
  '0003-derived': m0003,
  '0004-inspections': m0004,
  '0005-period-rollups': m0005,
  '0006-evidence': m0006,
  '0007-hardening': m0007,
  '0008-rebuild-indexes': m0008,
  '0009-backoffice-log': m0009,
  '0010-evaluation': m0010,
  '0011-personal-data': m0011,
};

export async function migrateToLatest(db: Kysely<any>, dialect: 'sqlite' | 'postgres' = 'sqlite'): Promise<void> {
  // On PostgreSQL the migrator would find its bookkeeping tables in any schema on the search
  // path's database; pin them to the current schema so each schema migrates on its own.
  const schema = dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
