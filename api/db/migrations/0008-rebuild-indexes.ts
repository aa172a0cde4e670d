import type { Kysely } from 'kysely';

/**
 * A bulk rebuild on PostgreSQL drops the derived tables' secondary indexes while it writes
 * millions of rows and builds them again at the end (one sort each instead of a B-tree insert
 * per row). Their definitions are kept here in the meantime, so a rebuild that was killed
 * half-way leaves them on record, and the next rebuild restores them first. Schema builder only,
 * as in 0001.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('derive_saved_indexes')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('derive_saved_indexes').ifExists().execute();
}
