import { htmlSchema } from '../openapi/core-schemas.ts';
import type { RouteSpec } from '../openapi/route-spec.ts';
import {
  importBodySchema,
  importResultSchema,
  mappingBodySchema,
  mappingListSchema,
  mappingSchema,
  reconcileQuerySchema,
  reconcileResultSchema,
  slipSchema,
} from './reconcile.schemas.ts';

const R = '/v1/reconcile';
const tag = 'reconcile';
const READERS = ['inspector', 'admin'] as const;

/** The back-office log routes (api/reconcile), for the route table, the docs and the authorization matrix. */
export const RECONCILE_ROUTES: RouteSpec[] = [
  {
    method: 'get',
    path: `${R}/mappings`,
    tag,
    summary: { vi: 'Ánh xạ cột sổ theo dõi của từng back-office (bản mới nhất)', en: "Each back-office's latest column mapping" },
    roles: ['admin'],
    scoped: false,
    response: mappingListSchema,
  },
  {
    method: 'post',
    path: `${R}/mappings`,
    tag,
    summary: { vi: 'Lưu phiên bản mới của ánh xạ cột', en: 'Save a new version of a column mapping' },
    roles: ['admin'],
    scoped: false,
    body: mappingBodySchema,
    response: mappingSchema,
    status: 201,
    example: {
      backoffice: 'mo-phong',
      name: 'Back-office mô phỏng',
      columns: {
        dossierCode: 'Mã hồ sơ',
        action: 'Thao tác',
        actor: 'Cán bộ thực hiện',
        at: 'Thời gian thực hiện',
        receiver: 'Cán bộ nhận',
      },
    },
  },
  {
    method: 'post',
    path: `${R}/imports`,
    tag,
    summary: {
      vi: 'Nhập sổ theo dõi hồ sơ (CSV, xlsx base64): xem trước, lỗi từng dòng, chỉ giữ các cột được phép; nhập lại không nhân đôi',
      en: 'Import a handling log (CSV, base64 xlsx): preview, per-row errors, whitelisted facts only; re-import is idempotent',
    },
    roles: ['admin'],
    scoped: false,
    body: importBodySchema,
    response: importResultSchema,
    errors: [409, 413],
    example: {
      backoffice: 'mo-phong',
      format: 'csv',
      dryRun: true,
      content: 'Mã hồ sơ,Thao tác,Cán bộ thực hiện,Thời gian thực hiện\r\n000.00.12.H32-251117-0001,Tiếp nhận,motcua1,17/11/2025 08:00\r\n',
    },
  },
  {
    method: 'get',
    path: R,
    tag,
    summary: {
      vi: 'Đối chiếu sổ theo dõi với ghi nhận: khớp, chỉ có trong sổ, chỉ ghi nhận; độ phủ từng cán bộ',
      en: 'Reconcile the log with captured actions: matched, only in log, only captured; coverage per official',
    },
    roles: READERS,
    scoped: true,
    query: reconcileQuerySchema,
    response: reconcileResultSchema,
  },
  {
    method: 'get',
    path: `${R}/slips/:code`,
    tag,
    summary: { vi: 'Phiếu kiểm soát quá trình giải quyết hồ sơ (JSON)', en: 'Process control slip of a dossier (JSON)' },
    roles: READERS,
    scoped: true,
    response: slipSchema,
  },
  {
    method: 'get',
    path: `${R}/slips/:code/print`,
    tag,
    summary: { vi: 'Phiếu kiểm soát để in (HTML)', en: 'Process control slip to print (HTML)' },
    roles: READERS,
    scoped: true,
    response: htmlSchema,
    produces: 'text/html',
  },
];
