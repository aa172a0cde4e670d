import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db/connect.ts';
import type { AppEnv } from '../http/context.ts';
import type { SessionOfficial } from '../auth/lucia.ts';
import { ApiFailure } from '../http/errors.ts';
import { unitsInScope } from '../auth/scope.ts';
import { ancestorsOf, indexUnits } from './unit-tree.ts';

/**
 * Server-side scope for the admin routes. Unit-addressed things are limited to the caller's unit
 * subtree; province-wide things (procedures, site profiles, default rules) need an admin whose
 * own unit is a root of the tree, i.e. the province itself.
 */

export const outOfScope = () => new ApiFailure(403, 'out_of_scope', 'Đơn vị ngoài phạm vi quản lý / Unit outside your scope');
export const notFound = (what: string) => new ApiFailure(404, 'not_found', `Không tìm thấy ${what} / ${what} not found`);

export async function isProvinceLevel(db: Db, official: SessionOfficial): Promise<boolean> {
  const unit = await db.selectFrom('units').select('parent_id').where('id', '=', official.unitId).executeTakeFirst();
  return !!unit && unit.parent_id === null;
}

/** Use after requireSession('admin'). */
export function requireProvinceAdmin(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const me = c.var.official;
    if (me.role !== 'admin' || !(await isProvinceLevel(c.var.services.db, me))) {
      throw new ApiFailure(403, 'province_admin_required', 'Cần quản trị viên cấp tỉnh / Needs a province-level admin');
    }
    await next();
  };
}

/**
 * A unit named in a body or query that is outside the scope is a 403 (the caller chose it);
 * a resource addressed by the path is a 404, so its existence is not revealed.
 */
export async function assertUnitInScope(db: Db, me: SessionOfficial, unitId: string, addressedByPath = false): Promise<Set<string>> {
  const scope = await unitsInScope(db, me);
  if (!scope.has(unitId)) throw addressedByPath ? notFound(`đơn vị ${unitId} / unit`) : outOfScope();
  return scope;
}

/**
 * Procedures concern the units that handle them: the caller's subtree and the units above it
 * (a province-owned procedure applies to every commune of the province).
 */
export async function procedureUnitsVisible(db: Db, me: SessionOfficial): Promise<Set<string>> {
  const units = await db.selectFrom('units').select(['id', 'parent_id']).execute();
  const scope = await unitsInScope(db, me);
  for (const a of ancestorsOf(indexUnits(units), me.unitId)) scope.add(a);
  return scope;
}
