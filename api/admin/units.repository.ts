import type { Db } from '../db/connect.ts';
import { ApiFailure } from '../http/errors.ts';
import { isoAt, isUniqueViolation } from './db-errors.ts';
import { takeAppLock } from '../db/app-lock.ts';
import { indexUnits, preorder, topLevelBody, wouldCycle } from './unit-tree.ts';
import type { Unit } from './units.schemas.ts';

type UnitRow = { id: string; name: string; parent_id: string | null; created_at: number };

const toUnit = (r: UnitRow, depth: number): Unit => ({
  id: r.id,
  name: r.name,
  parentId: r.parent_id,
  depth,
  createdAt: isoAt(r.created_at),
});

/** The subtrees under `roots`, each in depth-first order; null lists the whole forest from its roots. */
export async function listUnits(db: Db, roots: string[] | null = null): Promise<Unit[]> {
  const rows = await db.selectFrom('units').selectAll().execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const index = indexUnits(rows);
  const starts =
    roots ??
    rows
      .filter((r) => r.parent_id === null)
      .map((r) => r.id)
      .sort();
  return starts.flatMap((root) => preorder(index, root).map(({ id, depth }) => toUnit(byId.get(id)!, depth)));
}

export async function getUnit(db: Db, id: string): Promise<Unit | null> {
  const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUnit(row, 0) : null;
}

function checkParent(id: string, parentId: string, parentExists: boolean): void {
  if (!parentExists) throw new ApiFailure(400, 'unknown_parent', `Không có đơn vị cha ${parentId} / Parent unit does not exist`);
  if (topLevelBody(id) !== topLevelBody(parentId)) {
    throw new ApiFailure(
      400,
      'body_mismatch',
      `Mã ${id} không cùng cơ quan cấp trên với ${parentId} / Unit code belongs to another top-level body than its parent`,
    );
  }
}

/** `parentId: null` creates a root (a province); only the CLI offers that. */
export async function createUnit(db: Db, input: { id: string; name: string; parentId: string | null }, now: number): Promise<Unit> {
  const existing = await getUnit(db, input.id);
  if (existing) throw new ApiFailure(409, 'unit_exists', `Đơn vị ${input.id} đã có / Unit already exists`);
  if (input.parentId !== null) checkParent(input.id, input.parentId, !!(await getUnit(db, input.parentId)));
  try {
    await db.insertInto('units').values({ id: input.id, name: input.name, parent_id: input.parentId, created_at: now }).execute();
  } catch (e) {
    if (isUniqueViolation(e)) throw new ApiFailure(409, 'unit_exists', `Đơn vị ${input.id} đã có / Unit already exists`);
    throw e;
  }
  return (await getUnit(db, input.id))!;
}

/**
 * Moves are serialised (the unit-tree lock, first thing in the transaction): each move reads the
 * tree as the previous one left it, so two moves sent together cannot each pass the cycle check
 * and make a loop between them.
 */
export async function updateUnit(db: Db, id: string, patch: { name?: string; parentId?: string }, now: number = Date.now()): Promise<Unit> {
  return db.transaction().execute(async (trx) => {
    await takeAppLock(trx, 'unit-tree', now);
    const rows = await trx.selectFrom('units').select(['id', 'parent_id']).execute();
    if (!rows.some((r) => r.id === id)) throw new ApiFailure(404, 'not_found', `Không tìm thấy đơn vị ${id} / Unit not found`);
    if (patch.parentId !== undefined) {
      checkParent(
        id,
        patch.parentId,
        rows.some((r) => r.id === patch.parentId),
      );
      if (wouldCycle(indexUnits(rows), id, patch.parentId)) {
        throw new ApiFailure(
          400,
          'unit_cycle',
          'Không thể chuyển đơn vị vào chính cây con của nó / A unit cannot move under its own subtree',
        );
      }
    }
    const set = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
    };
    await trx.updateTable('units').set(set).where('id', '=', id).execute();
    const row = await trx.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return toUnit(row, 0);
  });
}
