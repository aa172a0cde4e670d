import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { ApiFailure, parseWith, readJson } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { unitsInScope } from '../auth/scope.ts';
import { addReason, createExplanation, decideExplanation, listExplanations, listReasons } from './explanations.repository.ts';
import {
  explanationCreateSchema,
  explanationDecisionSchema,
  explanationListQuerySchema,
  reasonCreateSchema,
} from './explanations.schemas.ts';

/** Who decides explanations: the unit head, an inspector or an admin of the official's unit subtree. */
export const DECIDERS = ['leader', 'inspector', 'admin'] as const;

export function createExplanationRoutes() {
  return new Hono<AppEnv>()
    .get('/reasons', requireSession(), async (c) => c.json({ reasons: await listReasons(c.var.services.db) }))
    .post('/reasons', requireSession('admin'), async (c) => {
      const { db, now } = c.var.services;
      const body = await readJson(c, reasonCreateSchema);
      return c.json(await addReason(db, c.var.official, body, now()), 201);
    })
    .get('/', requireSession(), async (c) => {
      const { db } = c.var.services;
      const me = c.var.official;
      const q = parseWith(explanationListQuerySchema, c.req.query(), 'invalid_query');
      if (me.role === 'clerk') {
        if (q.officialId && q.officialId !== me.id)
          throw new ApiFailure(403, 'forbidden', 'Chỉ xem được giải trình của chính mình / Only your own explanations');
        return c.json({ explanations: await listExplanations(db, { kind: 'official', officialId: me.id }, q) });
      }
      const units = await unitsInScope(db, me);
      if (q.unitId && !units.has(q.unitId))
        throw new ApiFailure(403, 'out_of_scope', 'Đơn vị ngoài phạm vi quản lý / Unit outside your scope');
      return c.json({ explanations: await listExplanations(db, { kind: 'units', units: [...units] }, q) });
    })
    .post('/', requireSession(), async (c) => {
      const { db, now, integrity } = c.var.services;
      const body = await readJson(c, explanationCreateSchema);
      return c.json(await createExplanation(db, integrity, c.var.official, body, now()), 201);
    })
    .post('/:id/decision', requireSession(...DECIDERS), async (c) => {
      const { db, now, integrity } = c.var.services;
      const me = c.var.official;
      const body = await readJson(c, explanationDecisionSchema);
      return c.json(await decideExplanation(db, integrity, await unitsInScope(db, me), me, c.req.param('id'), body, now()));
    });
}
