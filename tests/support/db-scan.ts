import { sql } from 'kysely';
import type { Db } from '../../api/db/connect.ts';

/** Every value of every table, as text: what a privacy scan searches. */
export async function dumpDatabase(db: Db): Promise<string> {
  const tables = await db.introspection.getTables();
  const parts: string[] = [];
  for (const t of tables) {
    const rows = await sql`select * from ${sql.table(t.name)}`.execute(db);
    parts.push(`# ${t.name}\n${JSON.stringify(rows.rows)}`);
  }
  return parts.join('\n');
}
