import { sql } from 'kysely';
import type { Db } from '../../api/db/connect.ts';

/**
 * Every value of every table, as text: what a privacy scan searches. On PostgreSQL only the
 * connection's own schema: tests of other runs create and drop their schemas meanwhile.
 */
export async function dumpDatabase(db: Db): Promise<string> {
  const schema = await sql<{ s: string | null }>`select current_schema() as s`
    .execute(db)
    .then((r) => r.rows[0]?.s ?? null)
    .catch(() => null);
  const tables = (await db.introspection.getTables()).filter((t) => schema === null || t.schema === undefined || t.schema === schema);
  const parts: string[] = [];
  for (const t of tables) {
    const rows = await sql`select * from ${sql.table(t.schema && schema ? `${t.schema}.${t.name}` : t.name)}`.execute(db);
    parts.push(`# ${t.name}\n${JSON.stringify(rows.rows)}`);
  }
  return parts.join('\n');
}
