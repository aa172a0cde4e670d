import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { ApiFailure, parseWith, readJson } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { unitsInScope } from '../auth/scope.ts';
import { assertUnitInScope, notFound, outOfScope } from './admin-access.ts';
import { createOfficial, getOfficial, listOfficials, resetPassword, updateOfficial } from './officials.repository.ts';
import { createOfficialSchema, officialListQuerySchema, resetPasswordSchema, updateOfficialSchema } from './officials.schemas.ts';
import { listUnits } from './units.repository.ts';

export function createOfficialRoutes() {
  return new Hono<AppEnv>()
    .get('/', requireSession('admin', 'inspector'), async (c) => {
      const { db } = c.var.services;
      const q = parseWith(officialListQuerySchema, c.req.query(), 'invalid_query');
      if (q.unitId) await assertUnitInScope(db, c.var.official, q.unitId);
      const units = q.unitId ? (await listUnits(db, [q.unitId])).map((u) => u.id) : [...(await unitsInScope(db, c.var.official))];
      return c.json({ officials: await listOfficials(db, units) });
    })
    .post('/', requireSession('admin'), async (c) => {
      const { db, now } = c.var.services;
      const body = await readJson(c, createOfficialSchema);
      await assertUnitInScope(db, c.var.official, body.unitId);
      return c.json({ official: await createOfficial(db, body, now()) }, 201);
    })
    .patch('/:id', requireSession('admin'), async (c) => {
      const { db, sessions } = c.var.services;
      const me = c.var.official;
      const id = c.req.param('id');
      const body = await readJson(c, updateOfficialSchema);
      const scope = await unitsInScope(db, me);
      const target = await getOfficial(db, { id });
      if (!target || !scope.has(target.unitId)) throw notFound('cán bộ / official');
      if (body.unitId !== undefined && !scope.has(body.unitId)) throw outOfScope();
      // An admin who demotes, locks or moves themselves out could leave a unit with no admin.
      if (id === me.id && (body.role !== undefined || body.active !== undefined || body.unitId !== undefined)) {
        throw new ApiFailure(
          403,
          'self_change',
          'Không thể tự đổi vai trò, đơn vị hay khóa chính mình / You cannot change your own role, unit or active state',
        );
      }
      return c.json({ official: await updateOfficial(db, sessions, id, body) });
    })
    .post('/:id/reset-password', requireSession('admin'), async (c) => {
      const { db, sessions } = c.var.services;
      const id = c.req.param('id');
      const body = await readJson(c, resetPasswordSchema);
      const target = await getOfficial(db, { id });
      if (!target || !(await unitsInScope(db, c.var.official)).has(target.unitId)) throw notFound('cán bộ / official');
      await resetPassword(db, sessions, id, body.password);
      return c.json({ ok: true as const });
    });
}
