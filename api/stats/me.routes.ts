import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { requireSession } from '../auth/middleware.ts';
import { meSummary } from './me-summary.repository.ts';

/** Every official may see their own figures (the popup and the pill link here). */
export function createMeRoutes() {
  return new Hono<AppEnv>().get('/summary', requireSession(), async (c) => {
    const { db, now } = c.var.services;
    const me = c.var.official;
    return c.json({
      official: { id: me.id, displayName: me.displayName, unitId: me.unitId, role: me.role },
      ...(await meSummary(db, me.id, now())),
    });
  });
}
