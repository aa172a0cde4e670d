import { z } from 'zod';
import { ANY_ROLE, type RouteSpec } from '../openapi/route-spec.ts';
import { kpiSettingsSchema, kpiSettingsViewSchema, sheetIssueSchema, sheetListQuerySchema, sheetListSchema, sheetRecomputeSchema, sheetSeenSchema, sheetSignSchema, sheetViewSchema } from './sheets.schemas.ts';

const S = '/v1/sheets';
const tag = 'evaluation';
const ISSUERS = ['leader', 'inspector', 'admin'] as const;
const file = z.string();

export const SHEET_ROUTES: RouteSpec[] = [
  { method: 'get', path: `${S}/settings`, tag, summary: { vi: 'Tiêu chí KPI hiện hành (trọng số, ngưỡng)', en: 'Current KPI settings (weights, thresholds)' }, roles: ANY_ROLE, scoped: false, response: kpiSettingsViewSchema },
  {
    method: 'post',
    path: `${S}/settings`,
    tag,
    summary: { vi: 'Thêm phiên bản tiêu chí KPI', en: 'Add a KPI settings version' },
    roles: ['admin'],
    scoped: false,
    body: kpiSettingsSchema,
    response: kpiSettingsViewSchema,
    status: 201,
    example: { weights: { onTime: 0.6, withinAllotment: 0.3, noFlags: 0.1 }, thresholds: { onTimeTarget: 0.95 }, commentWorkingDays: 5 },
  },
  {
    method: 'get',
    path: S,
    tag,
    summary: { vi: 'Phiếu đánh giá KPI (chuyên viên: của mình)', en: 'KPI sheets (clerk: own)' },
    roles: ANY_ROLE,
    scoped: true,
    clerks: 'own',
    query: sheetListQuerySchema,
    response: sheetListSchema,
  },
  {
    method: 'post',
    path: S,
    tag,
    summary: { vi: 'Lập phiếu đánh giá KPI cho cán bộ hoặc đơn vị theo tháng, quý, năm', en: 'Issue a KPI sheet for an official or unit, month, quarter or year' },
    roles: ISSUERS,
    scoped: true,
    body: sheetIssueSchema,
    response: sheetViewSchema,
    status: 201,
    example: { subject: { kind: 'unit', id: '000.00.12.H32' }, period: '2026-Q1' },
  },
  { method: 'get', path: `${S}/:id`, tag, summary: { vi: 'Một phiếu đánh giá như đã lập', en: 'One sheet as issued' }, roles: ANY_ROLE, scoped: true, response: sheetViewSchema },
  {
    method: 'get',
    path: `${S}/:id/recompute`,
    tag,
    summary: { vi: 'Tính lại phiếu với phiên bản tiêu chí đã dùng, so với bản đã lập', en: 'Recompute with the same settings version, compared with the issued sheet' },
    roles: ISSUERS,
    scoped: true,
    response: sheetRecomputeSchema,
  },
  {
    method: 'post',
    path: `${S}/:id/seen`,
    tag,
    summary: { vi: 'Cán bộ xác nhận đã xem phiếu, kèm ý kiến', en: 'The official acknowledges the sheet, with a comment' },
    roles: ANY_ROLE,
    scoped: true,
    body: sheetSeenSchema,
    response: sheetViewSchema,
    errors: [409],
    example: { comment: 'Tôi đồng ý' },
  },
  {
    method: 'post',
    path: `${S}/:id/sign`,
    tag,
    summary: { vi: 'Lãnh đạo đơn vị ký phiếu', en: 'The unit head signs the sheet' },
    roles: ['leader'],
    scoped: true,
    body: sheetSignSchema,
    response: sheetViewSchema,
    errors: [409],
    example: {},
  },
  { method: 'get', path: `${S}/:id/sheet.html`, tag, summary: { vi: 'Phiếu để in (HTML)', en: 'Printable sheet (HTML)' }, roles: ANY_ROLE, scoped: true, response: file, produces: 'text/html' },
  { method: 'get', path: `${S}/:id/sheet.csv`, tag, summary: { vi: 'Phiếu dạng CSV', en: 'The sheet as CSV' }, roles: ANY_ROLE, scoped: true, response: file, produces: 'text/csv' },
  {
    method: 'get',
    path: `${S}/:id/sheet.xlsx`,
    tag,
    summary: { vi: 'Phiếu dạng Excel (.xlsx)', en: 'The sheet as Excel (.xlsx)' },
    roles: ANY_ROLE,
    scoped: true,
    response: file,
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
];
