import { Hono, type Context } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { ApiFailure, parseWith, readJson } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { unitsInScope } from '../auth/scope.ts';
import { unitSubtreeInScope } from '../exports/unit-scope.ts';
import { createInspection, inspectionDetail, listInspections } from './inspections.repository.ts';
import { closeInspection, recordFinding, storedReport } from './inspection-close.repository.ts';
import { REPORT_STYLE_HASH } from './report-html.ts';
import {
  closeInspectionSchema,
  createInspectionSchema,
  findingPathSchema,
  findingSchema,
  inspectionDetailQuerySchema,
  inspectionIdSchema,
  inspectionListQuerySchema,
} from './inspections.schemas.ts';

/** A malformed id cannot name an inspection: "not found", like one outside the scope. */
function idParam(c: Context<AppEnv>): string {
  const r = inspectionIdSchema.safeParse(c.req.param('id'));
  if (!r.success) throw new ApiFailure(404, 'not_found', 'Không tìm thấy cuộc kiểm tra / Inspection not found');
  return r.data;
}

const scopeOf = (c: Context<AppEnv>) => unitsInScope(c.var.services.db, c.var.official);
const INSPECTORS = ['inspector', 'admin'] as const;

/** Surprise inspections (kiểm tra đột xuất): inspectors and admins, on units of their subtree. */
export function createInspectionRoutes() {
  return new Hono<AppEnv>()
    .post('/', requireSession(...INSPECTORS), async (c) => {
      const { db, now } = c.var.services;
      const input = await readJson(c, createInspectionSchema);
      const id = await createInspection(db, c.var.official, input, now());
      return c.json(await inspectionDetail(db, await scopeOf(c), id), 201);
    })
    .get('/', requireSession(...INSPECTORS), async (c) => {
      const { db } = c.var.services;
      const q = parseWith(inspectionListQuerySchema, c.req.query(), 'invalid_query');
      // unitId narrows to that unit's subtree; outside the scope it is refused.
      return c.json(await listInspections(db, await unitSubtreeInScope(db, c.var.official, q.unitId), q));
    })
    .get('/:id', requireSession(...INSPECTORS), async (c) => {
      const q = parseWith(inspectionDetailQuerySchema, c.req.query(), 'invalid_query');
      return c.json(await inspectionDetail(c.var.services.db, await scopeOf(c), idParam(c), { population: q.population === 'true' }));
    })
    .put('/:id/findings/:dossierCode', requireSession(...INSPECTORS), async (c) => {
      const { db, now } = c.var.services;
      const { id, dossierCode } = parseWith(findingPathSchema, { id: idParam(c), dossierCode: c.req.param('dossierCode') }, 'invalid_path');
      const input = await readJson(c, findingSchema);
      return c.json(await recordFinding(db, await scopeOf(c), c.var.official, id, dossierCode, input, now()));
    })
    .post('/:id/close', requireSession(...INSPECTORS), async (c) => {
      const { db, now } = c.var.services;
      const id = idParam(c);
      // The body is optional; when present it is JSON like any other.
      const input = (await c.req.text()).trim() ? await readJson(c, closeInspectionSchema) : {};
      return c.json(await closeInspection(db, c.var.services.integrity, await scopeOf(c), c.var.official, id, input, now()));
    })
    .get('/:id/report.html', requireSession(...INSPECTORS), async (c) => {
      const id = idParam(c);
      const report = await storedReport(c.var.services.db, await scopeOf(c), id, 'html');
      // Stored once and never re-rendered: the digest is a stable validator.
      c.header('ETag', `"${report.sha256}"`);
      c.header('Cache-Control', 'private, no-cache');
      c.header('Content-Security-Policy', `default-src 'none'; style-src '${REPORT_STYLE_HASH}'`);
      c.header('X-Content-Type-Options', 'nosniff');
      return c.html(report.body);
    })
    .get('/:id/report.csv', requireSession(...INSPECTORS), async (c) => {
      const id = idParam(c);
      const report = await storedReport(c.var.services.db, await scopeOf(c), id, 'csv');
      c.header('ETag', `"${report.sha256}"`);
      c.header('Cache-Control', 'private, no-cache');
      c.header('Content-Disposition', `attachment; filename="kiem-tra-inspection-${id}.csv"`);
      return c.body(report.body, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    });
}
