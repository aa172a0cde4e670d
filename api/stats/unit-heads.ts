import type { Db } from '../db/connect.ts';

/** Each unit's heads (role `leader`), answerable for its late share and open flags. */
export async function unitHeads(db: Db, units: readonly string[]): Promise<Map<string, { id: string; name: string }[]>> {
  const out = new Map<string, { id: string; name: string }[]>();
  if (!units.length) return out;
  const rows = await db
    .selectFrom('officials')
    .select(['id', 'display_name', 'unit_id'])
    .where('role', '=', 'leader')
    .where('active', '=', 1)
    .where('unit_id', 'in', [...units])
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(r.unit_id, [...(out.get(r.unit_id) ?? []), { id: r.id, name: r.display_name }]);
  return out;
}
