import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { parseWith } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { unitsInScope } from '../auth/scope.ts';
import { listAlerts } from '../auth/security-alerts.repository.ts';
import { isProvinceLevel } from './admin-access.ts';
import { securityAlertsQuerySchema } from './security-alerts.schemas.ts';

/**
 * Sign-in attacks and integrity alarms: accounts whose passwords are being guessed, clients
 * guessing, chain heads that failed their check. A province admin sees all; a unit admin those
 * about accounts of their subtree.
 */
export function createSecurityAlertRoutes() {
  return new Hono<AppEnv>().get('/', requireSession('admin'), async (c) => {
    const { db, now } = c.var.services;
    const q = parseWith(securityAlertsQuerySchema, c.req.query(), 'invalid_query');
    const units = (await isProvinceLevel(db, c.var.official)) ? null : [...(await unitsInScope(db, c.var.official))];
    return c.json(await listAlerts(db, units, { since: now() - q.days * 86_400_000, limit: q.limit, offset: q.offset }));
  });
}
