import type { Db } from '../db/connect.ts';
import type { SessionOfficial } from './lucia.ts';

/** The units an official may read: their own unit and every unit below it. */
export async function unitsInScope(db: Db, official: SessionOfficial): Promise<Set<string>> {
  const units = await db.selectFrom('units').select(['id', 'parent_id']).execute();
  const children = new Map<string, string[]>();
  for (const u of units) if (u.parent_id) children.set(u.parent_id, [...(children.get(u.parent_id) ?? []), u.id]);
  const scope = new Set<string>();
  const stack = [official.unitId];
  while (stack.length) {
    const id = stack.pop()!;
    if (scope.has(id)) continue;
    scope.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return scope;
}
