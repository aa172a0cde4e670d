import { Hono, type Context } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { parseWith } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { periodBounds } from '../stats/period.ts';
import { localDate } from '../derive/local-day.ts';
import { actionEvents, exportDirectory, type ActionEventFilter } from './action-events.repository.ts';
import { unitSubtreeInScope } from './unit-scope.ts';
import { eventLogQuerySchema } from './exports.schemas.ts';
import { download } from './download.ts';
import { xesChunks } from './xes-writer.ts';
import { ocelChunks } from './ocel-writer.ts';
import { recordUnitExport } from '../access-log/access-log.repository.ts';

/**
 * Inspectors and admins export their subtree (or one unit's subtree in it); a clerk exports only
 * their own actions, so their unitId narrows and never widens. Every check runs before the first
 * byte is sent: once a stream starts, a refusal can no longer be a status code.
 */
async function filterFor(c: Context<AppEnv>): Promise<{ filter: ActionEventFilter; label: string }> {
  const { db, now } = c.var.services;
  const me = c.var.official;
  const q = parseWith(eventLogQuerySchema, c.req.query(), 'invalid_query');
  const { from, to } = periodBounds(q);
  // A clerk's own events may sit under a unit they have since left: no unit filter unless asked.
  const units = me.role === 'clerk' ? (q.unitId === undefined ? null : [q.unitId]) : await unitSubtreeInScope(db, me, q.unitId);
  const label = `${q.unitId ?? me.unitId}-${localDate(now())}`;
  if (units) await recordUnitExport(db, me, units, `${c.req.path.split('/').pop()} ${q.unitId ?? me.unitId}`, now());
  return { filter: { units, officialId: me.role === 'clerk' ? me.id : null, from, to, receivedBy: now() }, label };
}

export function createEventLogRoutes() {
  return new Hono<AppEnv>()
    .get('/events.xes', requireSession(), async (c) => {
      const { filter, label } = await filterFor(c);
      const chunks = xesChunks(actionEvents(c.var.services.db, filter), { name: `Dossier Pulse ${label}`, exportedAt: filter.receivedBy });
      return download(c, { type: 'application/xml; charset=utf-8', filename: `dossier-pulse-${label}.xes`, chunks });
    })
    .get('/events.ocel.json', requireSession(), async (c) => {
      const { db } = c.var.services;
      const { filter, label } = await filterFor(c);
      const chunks = ocelChunks(actionEvents(db, filter), (officials, units) => exportDirectory(db, officials, units));
      return download(c, { type: 'application/json; charset=utf-8', filename: `dossier-pulse-${label}.ocel.json`, chunks });
    });
}
