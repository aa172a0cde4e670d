import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { parseWith } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { unitsInScope } from '../auth/scope.ts';
import { failedDerivations } from '../derive/queue.repository.ts';
import { assertUnitInScope } from './admin-access.ts';
import { deriveFailuresQuerySchema } from './derive-failures.schemas.ts';

/** Dossiers whose figures could not be derived, with the error, in the admin's scope. */
export function createDeriveFailureRoutes() {
  return new Hono<AppEnv>().get('/', requireSession('admin'), async (c) => {
    const { db } = c.var.services;
    const q = parseWith(deriveFailuresQuerySchema, c.req.query(), 'invalid_query');
    if (q.unitId) await assertUnitInScope(db, c.var.official, q.unitId);
    const units = q.unitId ? [q.unitId] : [...(await unitsInScope(db, c.var.official))];
    return c.json({ failures: await failedDerivations(db, units) });
  });
}
