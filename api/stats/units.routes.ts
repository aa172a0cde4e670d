import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../http/context.ts';
import { ApiFailure, parseWith } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { unitsInScope } from '../auth/scope.ts';
import { unitIdSchema } from '../../shared/schemas/dossier.ts';
import { dayPeriodQuerySchema, periodView, previousPeriod, resolvePeriod, type DayPeriod } from './day-period.ts';
import { unitStats } from './units.repository.ts';
import { unitOfficialStats } from './unit-officials.repository.ts';
import { recordReads } from '../access-log/access-log.repository.ts';
import { unitHeads } from './unit-heads.ts';

const unitsQuerySchema = dayPeriodQuerySchema.extend({
  /** One unit's subtree instead of the caller's whole scope. */
  unitId: unitIdSchema.optional(),
});

/** Units at and below `root` in the caller's scope (scope is already a subtree, so filter by walking it). */
async function subtree(db: Parameters<typeof unitsInScope>[0], me: Parameters<typeof unitsInScope>[1], root: string): Promise<string[]> {
  const scope = await unitsInScope(db, me);
  if (!scope.has(root)) throw new ApiFailure(403, 'out_of_scope', 'Đơn vị ngoài phạm vi quản lý / Unit outside your scope');
  return [...(await unitsInScope(db, { ...me, unitId: root }))].filter((u) => scope.has(u));
}

export function createUnitStatsRoutes() {
  return (
    new Hono<AppEnv>()
      // Unit figures are for unit heads, inspectors and admins; a clerk's own figures are at /v1/me/summary.
      .get('/', requireSession('leader', 'inspector', 'admin'), async (c) => {
        const { db, now } = c.var.services;
        const me = c.var.official;
        const q = parseWith(unitsQuerySchema, c.req.query(), 'invalid_query');
        const units = q.unitId ? await subtree(db, me, q.unitId) : [...(await unitsInScope(db, me))];
        const period = resolvePeriod(q, now());
        const heads = await unitHeads(db, units);
        // Each unit names its heads: answerable for its late share and open flags.
        const answer = async (p: DayPeriod) => ({
          period: periodView(p),
          units: (await unitStats(db, units, p)).map((u) => ({ ...u, answerable: heads.get(u.unitId) ?? [] })),
        });
        const current = await answer(period);
        return c.json(q.compare === 'previous' ? { ...current, previous: await answer(previousPeriod(period)) } : current);
      })
      .get('/:unitId/officials', requireSession(), async (c) => {
        const { db, now } = c.var.services;
        const me = c.var.official;
        const unitId = parseWith(z.object({ unitId: unitIdSchema }), { unitId: c.req.param('unitId') }, 'invalid_path').unitId;
        const q = parseWith(dayPeriodQuerySchema, c.req.query(), 'invalid_query');
        // Addressed by path: a unit outside the scope is "not found", so its existence is not revealed.
        const visible = me.role === 'clerk' ? unitId === me.unitId : (await unitsInScope(db, me)).has(unitId);
        if (!visible) throw new ApiFailure(404, 'not_found', `Không tìm thấy đơn vị ${unitId} / Unit not found`);
        const only = me.role === 'clerk' ? me.id : null;
        const period = resolvePeriod(q, now());
        const answer = async (p: DayPeriod) => ({ period: periodView(p), officials: await unitOfficialStats(db, unitId, p, only) });
        const current = { unitId, ...(await answer(period)) };
        await recordReads(
          db,
          me,
          current.officials.map((o) => o.officialId),
          'figures',
          `${unitId} ${period.from}…${period.to}`,
          now(),
        );
        return c.json(q.compare === 'previous' ? { ...current, previous: await answer(previousPeriod(period)) } : current);
      })
  );
}
