import { PostgresAdapter, type Kysely } from 'kysely';

/** Row locks (FOR UPDATE, SKIP LOCKED) exist only on PostgreSQL; SQLite serialises writers itself. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
