import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { parseWith } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { unitsInScope } from '../auth/scope.ts';
import { assertUnitInScope } from './admin-access.ts';
import { profileHealth } from './profile-misses.repository.ts';
import { countedMisses } from './profile-miss-quota.repository.ts';
import { localDate } from '../derive/local-day.ts';
import { profileHealthQuerySchema } from './profile-health.schemas.ts';
import { listUnits } from './units.repository.ts';
import { listQuarantine } from './pii-quarantine.repository.ts';
import { unresolvedReceivers } from './unresolved-receivers.repository.ts';

/** Where site profiles stopped matching the pages, as seen by the units in the admin's scope. */
export function createProfileHealthRoutes() {
  return new Hono<AppEnv>().get('/', requireSession('admin'), async (c) => {
    const { db } = c.var.services;
    const q = parseWith(profileHealthQuerySchema, c.req.query(), 'invalid_query');
    if (q.unitId) await assertUnitInScope(db, c.var.official, q.unitId);
    const units = q.unitId ? (await listUnits(db, [q.unitId])).map((u) => u.id) : [...(await unitsInScope(db, c.var.official))];
    const sinceMs = c.var.services.now() - 30 * 86_400_000;
    const since = localDate(sinceMs);
    const health = await profileHealth(db, units, { limit: q.limit, offset: q.offset });
    return c.json({
      ...health,
      counted: { since, ...(await countedMisses(db, units, since)) },
      personalData: await listQuarantine(db, units),
      receivers: await unresolvedReceivers(db, units, sinceMs),
    });
  });
}
