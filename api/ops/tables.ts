import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

/**
 * The database seen table by table, the same way on SQLite and PostgreSQL: which tables hold
 * data (every table but the migrator's), their primary keys, and their rows in key order, page
 * by page (keyset paging, so a ten-million-row table is read in linear time).
 */
type AnyDb = Kysely<any>;
export type Dialect = 'sqlite' | 'postgres';
export type Row = Record<string, unknown>;

export async function dataTables(db: AnyDb, dialect: Dialect): Promise<string[]> {
  const rows =
    dialect === 'postgres'
      ? await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
          db,
        )
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
  return rows.rows
    .map((r) => r.name)
    .filter((n) => !n.startsWith('kysely_'))
    .sort();
}

export async function primaryKey(db: AnyDb, dialect: Dialect, table: string): Promise<string[]> {
  if (dialect === 'postgres') {
    const r = await sql<{ name: string }>`
      select a.attname as name from pg_index i
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = ${sql.lit(`"${table}"`)}::regclass and i.indisprimary
      order by array_position(i.indkey, a.attnum)`.execute(db);
    return r.rows.map((x) => x.name);
  }
  const r = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table})`.execute(db);
  return r.rows
    .filter((x) => x.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((x) => x.name);
}

export async function columns(db: AnyDb, dialect: Dialect, table: string): Promise<string[]> {
  const r =
    dialect === 'postgres'
      ? await sql<{
          name: string;
        }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(
          db,
        )
      : await sql<{ name: string }>`select name from pragma_table_info(${table}) order by cid`.execute(db);
  return r.rows.map((x) => x.name);
}

/** Every row of a table in primary-key order, `pageSize` at a time. */
export async function* tablePages(db: AnyDb, table: string, key: string[], pageSize = 2000): AsyncGenerator<Row[]> {
  if (!key.length) throw new Error(`${table} has no primary key; its rows cannot be paged in a stable order`);
  let after: unknown[] | null = null;
  const keyList = sql.join(key.map((k) => sql.ref(k)));
  for (;;) {
    const where: ReturnType<typeof sql> = after ? sql`where (${keyList}) > (${sql.join(after.map((v) => sql`${v}`))})` : sql``;
    const page = await sql<Row>`select * from ${sql.table(table)} ${where} order by ${keyList} limit ${pageSize}`.execute(db);
    if (!page.rows.length) return;
    yield page.rows;
    const last = page.rows[page.rows.length - 1]!;
    after = key.map((k) => last[k]);
    if (page.rows.length < pageSize) return;
  }
}

/** A value as both databases mean it: integers and bigints as decimal text, text as text. */
function canonical(v: unknown): unknown {
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  return v ?? null;
}

const MOD = 1n << 128n;

/**
 * A table's content in one value: its row count and the sum (mod 2^128) of every row's SHA-256
 * (columns by name, values canonical). The sum does not depend on row order, which differs
 * between the databases' collations; equal digests on two databases mean equal tables.
 */
export async function tableDigest(db: AnyDb, dialect: Dialect, table: string): Promise<{ rows: number; digest: string }> {
  const key = await primaryKey(db, dialect, table);
  const cols = (await columns(db, dialect, table)).sort();
  let sum = 0n;
  let rows = 0;
  for await (const page of tablePages(db, table, key)) {
    for (const row of page) {
      const h = createHash('sha256')
        .update(JSON.stringify(cols.map((c) => canonical(row[c]))))
        .digest('hex');
      sum = (sum + BigInt(`0x${h.slice(0, 32)}`)) % MOD;
    }
    rows += page.length;
  }
  return { rows, digest: sum.toString(16).padStart(32, '0') };
}

export async function tableCounts(db: AnyDb, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables)
    out[t] = Number((await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(db)).rows[0]!.n);
  return out;
}

export async function appliedMigrations(db: AnyDb): Promise<string[]> {
  const r = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return r.rows.map((x) => x.name);
}
