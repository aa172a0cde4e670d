import { Hono, type Context } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { ApiFailure, parseWith, readJson } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { unitsInScope } from '../auth/scope.ts';
import { unitSubtreeInScope } from '../exports/unit-scope.ts';
import { resolvePeriod } from '../stats/day-period.ts';
import { DOSSIER_CODE_RE } from '../../shared/schemas/dossier-code.ts';
import { importLog } from './imports.repository.ts';
import { listMappings, saveMapping } from './mappings.repository.ts';
import { reconcile } from './reconcile.repository.ts';
import { importBodySchema, mappingBodySchema, reconcileQuerySchema } from './reconcile.schemas.ts';
import { controlSlip } from './slip.repository.ts';
import { renderSlip, SLIP_STYLE_HASH } from './slip-html.ts';

const READERS = ['inspector', 'admin'] as const;

function codeParam(c: Context<AppEnv>): string {
  const code = c.req.param('code') ?? '';
  if (!DOSSIER_CODE_RE.test(code)) throw new ApiFailure(404, 'not_found', 'Không tìm thấy hồ sơ / Dossier not found');
  return code;
}

/**
 * The back-office's handling log as a second witness (README, "Coverage"): admins map its
 * columns and import it; inspectors and admins read the reconciliation and print control slips.
 */
export function createReconcileRoutes() {
  return new Hono<AppEnv>()
    .get('/mappings', requireSession('admin'), async (c) => c.json({ mappings: await listMappings(c.var.services.db) }))
    .post('/mappings', requireSession('admin'), async (c) => {
      const body = await readJson(c, mappingBodySchema);
      return c.json(await saveMapping(c.var.services.db, body, c.var.official.id, c.var.services.now()), 201);
    })
    .post('/imports', requireSession('admin'), async (c) => {
      const { db, now } = c.var.services;
      const body = await readJson(c, importBodySchema);
      return c.json(await importLog(db, c.var.official, await unitsInScope(db, c.var.official), body, now()));
    })
    .get('/', requireSession(...READERS), async (c) => {
      const { db, now } = c.var.services;
      const q = parseWith(reconcileQuerySchema, c.req.query(), 'invalid_query');
      const units = await unitSubtreeInScope(db, c.var.official, q.unitId);
      const period = resolvePeriod({ ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) }, now());
      return c.json(
        await reconcile(db, {
          unitId: q.unitId,
          units,
          period,
          ...(q.officialId ? { officialId: q.officialId } : {}),
          ...(q.toleranceMinutes !== undefined ? { toleranceMinutes: q.toleranceMinutes } : {}),
          ...(q.limit !== undefined ? { limit: q.limit } : {}),
        }),
      );
    })
    .get('/slips/:code', requireSession(...READERS), async (c) => {
      const { db } = c.var.services;
      return c.json(await controlSlip(db, [...(await unitsInScope(db, c.var.official))], codeParam(c)));
    })
    .get('/slips/:code/print', requireSession(...READERS), async (c) => {
      const { db } = c.var.services;
      const slip = await controlSlip(db, [...(await unitsInScope(db, c.var.official))], codeParam(c));
      c.header('Cache-Control', 'private, no-cache');
      c.header('Content-Security-Policy', `default-src 'none'; style-src '${SLIP_STYLE_HASH}'`);
      return c.html(renderSlip(slip));
    });
}
