import { z } from 'zod';
import type { Db } from '../db/connect.ts';
import type { ProcedureTable } from '../db/tables.ts';
import { ApiFailure } from '../http/errors.ts';
import { isoAt, isUniqueViolation } from './db-errors.ts';
import { procedureStepSchema, type CreateProcedure, type Procedure, type UpdateProcedure } from './procedures.schemas.ts';

const storedSteps = z.array(procedureStepSchema);

const toProcedure = (r: ProcedureTable): Procedure => ({
  code: r.code,
  name: r.name,
  unitId: r.unit_id,
  totalAmount: Number(r.total_amount),
  timeType: r.time_type,
  // Storage reads are a boundary: a hand-edited row fails loudly here rather than deep in derivation.
  steps: storedSteps.parse(JSON.parse(r.steps)),
  version: Number(r.version),
  updatedAt: isoAt(r.updated_at),
  updatedBy: r.updated_by,
});

const notFound = (code: string) => new ApiFailure(404, 'not_found', `Không tìm thấy thủ tục ${code} / Procedure not found`);

/** `units: null` lists all (the CLI); otherwise procedures owned by those units. */
export async function listProcedures(db: Db, units: string[] | null): Promise<Procedure[]> {
  let q = db.selectFrom('procedures').selectAll().orderBy('code');
  if (units) q = q.where('unit_id', 'in', units.length ? units : ['']);
  return (await q.execute()).map(toProcedure);
}

export async function getProcedure(db: Db, code: string): Promise<Procedure | null> {
  const row = await db.selectFrom('procedures').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? toProcedure(row) : null;
}

export async function createProcedure(
  db: Db,
  input: CreateProcedure & { unitId: string },
  by: string | null,
  now: number,
): Promise<Procedure> {
  const unit = await db.selectFrom('units').select('id').where('id', '=', input.unitId).executeTakeFirst();
  if (!unit) throw new ApiFailure(400, 'unknown_unit', `Không có đơn vị ${input.unitId} / Unit does not exist`);
  try {
    await db
      .insertInto('procedures')
      .values({
        code: input.code,
        name: input.name,
        unit_id: input.unitId,
        total_amount: input.totalAmount,
        time_type: input.timeType,
        steps: JSON.stringify(input.steps),
        version: 1,
        updated_at: now,
        updated_by: by,
      })
      .execute();
  } catch (e) {
    if (isUniqueViolation(e)) throw new ApiFailure(409, 'procedure_exists', `Thủ tục ${input.code} đã có / Procedure already exists`);
    throw e;
  }
  return (await getProcedure(db, input.code))!;
}

/** Every change is a new version; the version check in the WHERE makes concurrent edits lose cleanly. */
export async function updateProcedure(db: Db, code: string, input: UpdateProcedure, by: string | null, now: number): Promise<Procedure> {
  const current = await getProcedure(db, code);
  if (!current) throw notFound(code);
  const from = input.version ?? current.version;
  const r = await db
    .updateTable('procedures')
    .set({
      name: input.name,
      total_amount: input.totalAmount,
      time_type: input.timeType,
      steps: JSON.stringify(input.steps),
      version: from + 1,
      updated_at: now,
      updated_by: by,
    })
    .where('code', '=', code)
    .where('version', '=', from)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) {
    throw new ApiFailure(
      409,
      'version_conflict',
      `Thủ tục đã được sửa (phiên bản hiện tại ${current.version}) / Procedure changed meanwhile, current version ${current.version}`,
    );
  }
  return (await getProcedure(db, code))!;
}

/** The CLI's import: create, or update to a new version when the definition exists. */
export async function importProcedure(
  db: Db,
  input: CreateProcedure & { unitId: string },
  by: string | null,
  now: number,
): Promise<Procedure> {
  const existing = await getProcedure(db, input.code);
  if (!existing) return createProcedure(db, input, by, now);
  const { code, unitId: _owner, ...definition } = input;
  return updateProcedure(db, code, definition, by, now);
}
