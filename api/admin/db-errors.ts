/** A primary-key or unique violation, as node:sqlite and pg each report it. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; errcode?: unknown; message?: unknown } | null;
  if (!e) return false;
  if (e.code === '23505') return true;
  // SQLITE_CONSTRAINT_PRIMARYKEY (1555) and SQLITE_CONSTRAINT_UNIQUE (2067).
  if (e.errcode === 1555 || e.errcode === 2067) return true;
  return typeof e.message === 'string' && /UNIQUE constraint failed/.test(e.message);
}

/** Instants are stored as epoch ms and answered as ISO strings. */
export const isoAt = (ms: number): string => new Date(Number(ms)).toISOString();
