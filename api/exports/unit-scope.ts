import type { Db } from '../db/connect.ts';
import type { SessionOfficial } from '../auth/lucia.ts';
import { unitsInScope } from '../auth/scope.ts';
import { ApiFailure } from '../http/errors.ts';

export const outOfScope = () => new ApiFailure(403, 'out_of_scope', 'Đơn vị ngoài phạm vi quản lý / Unit outside your scope');

/**
 * The units a request covers: `root`'s subtree when given (it must lie in the caller's scope),
 * else the caller's whole scope. Scopes are subtrees, so a root inside one brings its own subtree.
 */
export async function unitSubtreeInScope(db: Db, me: SessionOfficial, root?: string): Promise<string[]> {
  const scope = await unitsInScope(db, me);
  if (root === undefined) return [...scope].sort();
  if (!scope.has(root)) throw outOfScope();
  return [...(await unitsInScope(db, { ...me, unitId: root }))].filter((u) => scope.has(u)).sort();
}
