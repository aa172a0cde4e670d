import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connect.ts';
import type { SessionOfficial } from '../auth/lucia.ts';
import type { AccessLogTable } from '../db/tables.ts';

export type AccessKind = AccessLogTable['what'];

/**
 * Records that `reader` read records of these officials (their figures, a dossier they held, a
 * sheet, an export). Reading one's own records is not recorded. Append-only: no route, command or
 * repository function updates or deletes these rows, for admins neither.
 */
export async function recordReads(
  db: Db,
  reader: SessionOfficial,
  officialIds: Iterable<string>,
  what: AccessKind,
  detail: string,
  now: number,
): Promise<void> {
  const ids = [...new Set(officialIds)].filter((id) => id !== reader.id);
  if (!ids.length) return;
  const units = await db.selectFrom('officials').select(['id', 'unit_id']).where('id', 'in', ids).execute();
  const rows: AccessLogTable[] = units.map((o) => ({
    unit_id: o.unit_id,
    id: randomUUID(),
    official_id: o.id,
    reader_id: reader.id,
    reader_role: reader.role,
    what,
    detail: detail.slice(0, 300),
    at: now,
  }));
  // Chunks keep PostgreSQL's parameter count and SQLite's variable limit far away.
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('access_log')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** Who read the official's records, newest first, with the reader's name. */
export async function readsOf(db: Db, officialId: string, limit = 200) {
  const rows = await db
    .selectFrom('access_log as a')
    .leftJoin('officials as o', 'o.id', 'a.reader_id')
    .select(['a.at', 'a.reader_id', 'a.reader_role', 'a.what', 'a.detail', 'o.display_name'])
    .where('a.official_id', '=', officialId)
    .orderBy('a.at', 'desc')
    .orderBy('a.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    at: new Date(Number(r.at)).toISOString(),
    readerId: r.reader_id,
    readerName: r.display_name ?? r.reader_id,
    readerRole: r.reader_role,
    what: r.what,
    detail: r.detail,
  }));
}

/** An export of whole units' records (event logs, dossiers, flags) is a read of every official of those units. */
export async function recordUnitExport(
  db: Db,
  reader: SessionOfficial,
  units: readonly string[],
  detail: string,
  now: number,
): Promise<void> {
  if (reader.role === 'clerk' || !units.length) return;
  const officials = await db
    .selectFrom('officials')
    .select('id')
    .where('unit_id', 'in', [...units])
    .where('active', '=', 1)
    .execute();
  await recordReads(
    db,
    reader,
    officials.map((o) => o.id),
    'export',
    detail,
    now,
  );
}
