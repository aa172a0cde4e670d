import type pg from 'pg';

/**
 * The derived tables' secondary indexes are dropped while a PostgreSQL rebuild writes them and
 * built again at the end. Primary keys stay: incremental derivation's upserts need them, and they
 * catch a duplicate row at once. Definitions are recorded first (derive_saved_indexes), so what
 * a killed rebuild set aside is restored by the next one.
 */
export async function setIndexesAside(client: pg.ClientBase, tables: readonly string[], now: number): Promise<number> {
  await restoreIndexes(client);
  const { rows } = await client.query<{ name: string; definition: string }>(
    `select i.indexname as name, i.indexdef as definition
       from pg_indexes i
      where i.schemaname = current_schema() and i.tablename = any($1)
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.connamespace = current_schema()::regnamespace)`,
    [tables],
  );
  await client.query('begin');
  try {
    for (const r of rows) {
      await client.query('insert into derive_saved_indexes (name, definition, saved_at) values ($1, $2, $3)', [r.name, r.definition, now]);
      await client.query(`drop index ${quote(r.name)}`);
    }
    await client.query('commit');
  } catch (e) {
    await client.query('rollback');
    throw e;
  }
  return rows.length;
}

/** Builds every index set aside and not yet back, then forgets it. */
export async function restoreIndexes(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    'select name, definition from derive_saved_indexes order by name',
  );
  if (rows.length === 0) return;
  await client.query(`set maintenance_work_mem = '256MB'`);
  for (const r of rows) {
    const present = await client.query('select 1 from pg_indexes where schemaname = current_schema() and indexname = $1', [r.name]);
    if (present.rowCount === 0) await client.query(r.definition);
    await client.query('delete from derive_saved_indexes where name = $1', [r.name]);
  }
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
