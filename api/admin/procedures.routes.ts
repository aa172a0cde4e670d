import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { parseWith, readJson } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { unitsInScope } from '../auth/scope.ts';
import { assertUnitInScope, notFound, outOfScope, procedureUnitsVisible, requireProvinceAdmin } from './admin-access.ts';
import { createProcedure, getProcedure, listProcedures, updateProcedure } from './procedures.repository.ts';
import { createProcedureSchema, procedureListQuerySchema, updateProcedureSchema } from './procedures.schemas.ts';

export function createProcedureRoutes() {
  return new Hono<AppEnv>()
    .get('/', requireSession('admin', 'inspector'), async (c) => {
      const { db } = c.var.services;
      const q = parseWith(procedureListQuerySchema, c.req.query(), 'invalid_query');
      const visible = await procedureUnitsVisible(db, c.var.official);
      if (q.unitId && !visible.has(q.unitId)) throw outOfScope();
      return c.json({ procedures: await listProcedures(db, q.unitId ? [q.unitId] : [...visible]) });
    })
    .get('/:code', requireSession('admin', 'inspector'), async (c) => {
      const { db } = c.var.services;
      const p = await getProcedure(db, c.req.param('code'));
      if (!p || !(await procedureUnitsVisible(db, c.var.official)).has(p.unitId)) throw notFound('thủ tục / procedure');
      return c.json({ procedure: p });
    })
    .post('/', requireSession('admin'), requireProvinceAdmin(), async (c) => {
      const { db, now } = c.var.services;
      const me = c.var.official;
      const body = await readJson(c, createProcedureSchema);
      const unitId = body.unitId ?? me.unitId;
      await assertUnitInScope(db, me, unitId);
      return c.json({ procedure: await createProcedure(db, { ...body, unitId }, me.id, now()) }, 201);
    })
    .put('/:code', requireSession('admin'), requireProvinceAdmin(), async (c) => {
      const { db, now } = c.var.services;
      const me = c.var.official;
      const code = c.req.param('code');
      const body = await readJson(c, updateProcedureSchema);
      const current = await getProcedure(db, code);
      if (!current || !(await unitsInScope(db, me)).has(current.unitId)) throw notFound('thủ tục / procedure');
      return c.json({ procedure: await updateProcedure(db, code, body, me.id, now()) });
    });
}
