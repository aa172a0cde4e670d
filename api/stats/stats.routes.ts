import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { parseWith } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { unitsInScope } from '../auth/scope.ts';
import { periodBounds, periodQuerySchema } from './period.ts';
import { officialStats } from './officials.repository.ts';

export function createStatsRoutes() {
  return new Hono<AppEnv>().get('/officials', requireSession(), async (c) => {
    const { db } = c.var.services;
    const me = c.var.official;
    const period = periodBounds(parseWith(periodQuerySchema, c.req.query(), 'invalid_query'));
    // A clerk sees only their own figures; inspectors and admins see their unit subtree.
    const filter =
      me.role === 'clerk'
        ? { units: null, officialId: me.id, ...period }
        : { units: [...(await unitsInScope(db, me))], officialId: null, ...period };
    return c.json({ officials: await officialStats(db, filter) });
  });
}
