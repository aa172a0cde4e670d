import { Hono, type Context } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { ApiFailure, parseWith, readJson } from '../http/errors.ts';
import { requireSession } from '../auth/middleware.ts';
import { unitsInScope } from '../auth/scope.ts';
import { csvDocument } from '../../shared/csv/csv-writer.ts';
import { xlsxDocument } from '../exports/xlsx-writer.ts';
import { addKpiSettings, kpiSettings } from './kpi-settings.ts';
import { getSheet, issueSheet, listSheets, markSeen, recomputeSheet, signSheet, type SheetAccess } from './sheets.repository.ts';
import { renderSheetHtml, sheetCsvRows, SHEET_STYLE_HASH } from './sheet-html.ts';
import {
  kpiSettingsSchema,
  sheetIdSchema,
  sheetIssueSchema,
  sheetListQuerySchema,
  sheetSeenSchema,
  sheetSignSchema,
} from './sheets.schemas.ts';

export const SHEET_ISSUERS = ['leader', 'inspector', 'admin'] as const;

async function access(c: Context<AppEnv>): Promise<SheetAccess> {
  const me = c.var.official;
  return { me, scope: await unitsInScope(c.var.services.db, me) };
}

/** A malformed id names no sheet: "not found", like one out of reach. */
function idParam(c: Context<AppEnv>): string {
  const r = sheetIdSchema.safeParse(c.req.param('id'));
  if (!r.success) throw new ApiFailure(404, 'not_found', 'Không tìm thấy phiếu đánh giá / Sheet not found');
  return r.data;
}

const fileName = (s: { body: { subject: { id: string }; period: { key: string } } }, ext: string) =>
  `phieu-kpi-${s.body.subject.id.replace(/[^A-Za-z0-9.-]/g, '_')}-${s.body.period.key}.${ext}`;

export function createSheetRoutes() {
  return new Hono<AppEnv>()
    .get('/settings', requireSession(), async (c) => c.json(await kpiSettings(c.var.services.db)))
    .post('/settings', requireSession('admin'), async (c) => {
      const { db, now } = c.var.services;
      const body = await readJson(c, kpiSettingsSchema);
      return c.json(await addKpiSettings(db, body, c.var.official.id, now()), 201);
    })
    .get('/', requireSession(), async (c) => {
      const q = parseWith(sheetListQuerySchema, c.req.query(), 'invalid_query');
      const a = await access(c);
      if (a.me.role === 'clerk' && q.officialId && q.officialId !== a.me.id)
        throw new ApiFailure(403, 'forbidden', 'Chỉ xem được phiếu của chính mình / Only your own sheets');
      if (a.me.role !== 'clerk' && q.unitId && !a.scope.has(q.unitId))
        throw new ApiFailure(403, 'out_of_scope', 'Đơn vị ngoài phạm vi quản lý / Unit outside your scope');
      return c.json({ sheets: await listSheets(c.var.services.db, a, q) });
    })
    .post('/', requireSession(...SHEET_ISSUERS), async (c) => {
      const { db, now, integrity } = c.var.services;
      const body = await readJson(c, sheetIssueSchema);
      return c.json(await issueSheet(db, integrity, await access(c), body.subject, body.period, body.settingsVersion, now()), 201);
    })
    .get('/:id', requireSession(), async (c) => {
      const { db, now } = c.var.services;
      return c.json(await getSheet(db, await access(c), idParam(c), now()));
    })
    .get('/:id/recompute', requireSession(...SHEET_ISSUERS), async (c) =>
      c.json(await recomputeSheet(c.var.services.db, await access(c), idParam(c))),
    )
    .post('/:id/seen', requireSession(), async (c) => {
      const { db, now } = c.var.services;
      const body = await readJson(c, sheetSeenSchema);
      return c.json(await markSeen(db, await access(c), idParam(c), body.comment, now()));
    })
    .post('/:id/sign', requireSession('leader'), async (c) => {
      const { db, now, integrity } = c.var.services;
      const body = await readJson(c, sheetSignSchema);
      return c.json(await signSheet(db, integrity, await access(c), idParam(c), body.note ?? null, now()));
    })
    .get('/:id/sheet.html', requireSession(), async (c) => {
      const { db, now } = c.var.services;
      const sheet = await getSheet(db, await access(c), idParam(c), now());
      const ids = [sheet.issuedBy, sheet.signedBy].filter((x): x is string => x !== null);
      const names = new Map(
        (await db.selectFrom('officials').select(['id', 'display_name']).where('id', 'in', ids).execute()).map((o) => [
          o.id,
          o.display_name,
        ]),
      );
      c.header('Content-Security-Policy', `default-src 'none'; style-src '${SHEET_STYLE_HASH}'`);
      c.header('Cache-Control', 'private, no-store');
      const reasons = new Map(
        (await db.selectFrom('explanation_reasons').select(['code', 'label_vi', 'label_en']).execute()).map((r) => [
          r.code,
          `${r.label_vi} / ${r.label_en}`,
        ]),
      );
      return c.html(renderSheetHtml(sheet, names, reasons));
    })
    .get('/:id/sheet.csv', requireSession(), async (c) => {
      const { db, now } = c.var.services;
      const sheet = await getSheet(db, await access(c), idParam(c), now(), 'export');
      c.header('Content-Disposition', `attachment; filename="${fileName(sheet, 'csv')}"`);
      c.header('Cache-Control', 'private, no-store');
      return c.body(csvDocument(['section', 'field', 'value'], sheetCsvRows(sheet)), 200, { 'content-type': 'text/csv; charset=utf-8' });
    })
    .get('/:id/sheet.xlsx', requireSession(), async (c) => {
      const { db, now } = c.var.services;
      const sheet = await getSheet(db, await access(c), idParam(c), now(), 'export');
      c.header('Content-Disposition', `attachment; filename="${fileName(sheet, 'xlsx')}"`);
      c.header('Cache-Control', 'private, no-store');
      const bytes = xlsxDocument(`KPI ${sheet.body.period.key}`, [['section', 'field', 'value'], ...sheetCsvRows(sheet)]);
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      });
    });
}
