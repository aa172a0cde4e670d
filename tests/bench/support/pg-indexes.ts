import type pg from 'pg';

/** Index and key definitions of some tables, captured so a bulk load can drop and rebuild them. */
export type SavedIndexes = { constraints: { table: string; name: string; def: string }[]; indexes: { name: string; def: string }[] };

export async function dropIndexes(client: pg.ClientBase, tables: readonly string[]): Promise<SavedIndexes> {
  const constraints = (
    await client.query(
      `select c.conname as name, t.relname as table, pg_get_constraintdef(c.oid) as def
         from pg_constraint c join pg_class t on t.oid = c.conrelid
        where t.relnamespace = current_schema()::regnamespace and c.contype in ('p', 'u') and t.relname = any($1)`,
      [tables],
    )
  ).rows as SavedIndexes['constraints'];
  const owned = new Set(constraints.map((c) => c.name));
  const indexes = (
    await client.query(
      `select indexname as name, indexdef as def from pg_indexes where schemaname = current_schema() and tablename = any($1)`,
      [tables],
    )
  ).rows.filter((r) => !owned.has(r.name)) as SavedIndexes['indexes'];
  for (const c of constraints) await client.query(`alter table ${c.table} drop constraint ${c.name}`);
  for (const i of indexes) await client.query(`drop index ${i.name}`);
  return { constraints, indexes };
}

/**
 * Builds the saved keys and indexes again. A sort-based build after the load is several times
 * faster than maintaining five B-trees row by row, and leaves them compact like a production DB.
 */
export async function restoreIndexes(client: pg.ClientBase, saved: SavedIndexes): Promise<void> {
  await client.query(`set maintenance_work_mem = '512MB'`);
  for (const c of saved.constraints) await client.query(`alter table ${c.table} add constraint ${c.name} ${c.def}`);
  for (const i of saved.indexes) await client.query(i.def);
}
