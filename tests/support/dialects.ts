import { freshPostgres, freshSqlite, type TestDatabase } from './databases.ts';
import { postgresAvailable } from './requirements.ts';

/**
 * Every storage implementation the contract suites run on: SQLite always, PostgreSQL when it is
 * reachable (skipped with a printed reason on a newcomer's machine, required under CI=true).
 */
export const STORAGE_DIALECTS: { name: 'sqlite' | 'postgres'; make: () => Promise<TestDatabase> }[] = [
  { name: 'sqlite', make: async () => freshSqlite() },
  ...((await postgresAvailable()) ? [{ name: 'postgres' as const, make: freshPostgres }] : []),
];
