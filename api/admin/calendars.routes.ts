import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { readJson } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { assertUnitInScope } from './admin-access.ts';
import { addCalendarVersion, calendarFor } from './calendars.repository.ts';
import { calendarVersionInputSchema } from './calendars.schemas.ts';

export function createCalendarRoutes() {
  return new Hono<AppEnv>()
    .get('/:unitId', requireSession('admin'), async (c) => {
      const { db } = c.var.services;
      const unitId = c.req.param('unitId');
      await assertUnitInScope(db, c.var.official, unitId, true);
      return c.json((await calendarFor(db, unitId))!);
    })
    .post('/:unitId', requireSession('admin'), async (c) => {
      const { db, now } = c.var.services;
      const unitId = c.req.param('unitId');
      const body = await readJson(c, calendarVersionInputSchema);
      await assertUnitInScope(db, c.var.official, unitId, true);
      return c.json({ calendar: await addCalendarVersion(db, unitId, body, { now: now(), by: c.var.official.id }) }, 201);
    });
}
