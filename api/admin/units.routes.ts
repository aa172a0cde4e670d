import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { ApiFailure, parseWith, readJson } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { assertUnitInScope, outOfScope } from './admin-access.ts';
import { createUnit, getUnit, listUnits, updateUnit } from './units.repository.ts';
import { createUnitSchema, unitListQuerySchema, updateUnitSchema } from './units.schemas.ts';

export function createUnitRoutes() {
  return new Hono<AppEnv>()
    .get('/', requireSession('admin', 'inspector'), async (c) => {
      const { db } = c.var.services;
      const me = c.var.official;
      const q = parseWith(unitListQuerySchema, c.req.query(), 'invalid_query');
      if (q.unitId) await assertUnitInScope(db, me, q.unitId);
      return c.json({ units: await listUnits(db, [q.unitId ?? me.unitId]) });
    })
    .post('/', requireSession('admin'), async (c) => {
      const { db, now } = c.var.services;
      const body = await readJson(c, createUnitSchema);
      // Creating under a unit in scope keeps the new unit in scope; new roots come only from the CLI.
      if (!(await getUnit(db, body.parentId)))
        throw new ApiFailure(400, 'unknown_parent', `Không có đơn vị cha ${body.parentId} / Parent unit does not exist`);
      await assertUnitInScope(db, c.var.official, body.parentId);
      return c.json({ unit: await createUnit(db, body, now()) }, 201);
    })
    .patch('/:id', requireSession('admin'), async (c) => {
      const { db } = c.var.services;
      const me = c.var.official;
      const id = c.req.param('id');
      const body = await readJson(c, updateUnitSchema);
      const scope = await assertUnitInScope(db, me, id, true);
      if (body.parentId !== undefined && !scope.has(body.parentId)) throw outOfScope();
      return c.json({ unit: await updateUnit(db, id, body) });
    });
}
