import { z } from 'zod';
import type { RouteSpec } from '../openapi/route-spec.ts';
import {
  closeInspectionSchema,
  createInspectionSchema,
  findingResponseSchema,
  findingSchema,
  inspectionDetailQuerySchema,
  inspectionDetailSchema,
  inspectionListQuerySchema,
  inspectionListSchema,
} from './inspections.schemas.ts';

const I = '/v1/inspections';
const INSPECTORS = ['inspector', 'admin'] as const;
const tag = 'inspections';

/** The surprise-inspection routes (api/inspections), listed for the route table and the docs. */
export const INSPECTION_ROUTES: RouteSpec[] = [
  {
    method: 'post',
    path: I,
    tag,
    summary: {
      vi: 'Mở cuộc kiểm tra đột xuất: rút mẫu hồ sơ theo rủi ro, cố định bằng chứng',
      en: 'Start a surprise inspection: draw a risk-weighted sample and freeze its evidence',
    },
    roles: INSPECTORS,
    scoped: true,
    body: createInspectionSchema,
    response: inspectionDetailSchema,
    status: 201,
    errors: [409],
    example: { unitId: '000.00.12.H32', sampleSize: 5, seed: 'kiem-tra-2025-11' },
  },
  {
    method: 'get',
    path: I,
    tag,
    summary: { vi: 'Các cuộc kiểm tra trong phạm vi', en: 'Inspections in scope' },
    roles: INSPECTORS,
    scoped: true,
    query: inspectionListQuerySchema,
    response: inspectionListSchema,
  },
  {
    method: 'get',
    path: `${I}/:id`,
    tag,
    summary: { vi: 'Một cuộc kiểm tra: mẫu, bằng chứng cố định, kết luận', en: 'One inspection: sample, frozen evidence, findings' },
    roles: INSPECTORS,
    scoped: true,
    query: inspectionDetailQuerySchema,
    response: inspectionDetailSchema,
  },
  {
    method: 'put',
    path: `${I}/:id/findings/:dossierCode`,
    tag,
    summary: { vi: 'Ghi kết luận cho một hồ sơ trong mẫu (khi chưa kết thúc)', en: 'Record the finding on a sampled dossier (while open)' },
    roles: INSPECTORS,
    scoped: true,
    body: findingSchema,
    response: findingResponseSchema,
    errors: [409],
    example: { delayJustified: false, note: 'Hồ sơ nằm 5 ngày tại chuyên viên, không có lý do.' },
  },
  {
    method: 'post',
    path: `${I}/:id/close`,
    tag,
    summary: {
      vi: 'Kết thúc kiểm tra, lập và lưu biên bản (HTML, CSV)',
      en: 'Close the inspection; render and store its report (HTML, CSV)',
    },
    roles: INSPECTORS,
    scoped: true,
    body: closeInspectionSchema,
    response: inspectionDetailSchema,
    errors: [409],
    example: { conclusion: 'Đơn vị cần chấn chỉnh việc để hồ sơ tồn đọng tại bước thẩm định.' },
  },
  {
    method: 'get',
    path: `${I}/:id/report.html`,
    tag,
    summary: { vi: 'Biên bản kiểm tra để in (HTML đã lưu)', en: 'The stored printable report (HTML)' },
    roles: INSPECTORS,
    scoped: true,
    response: z.string(),
    produces: 'text/html',
    errors: [409],
  },
  {
    method: 'get',
    path: `${I}/:id/report.csv`,
    tag,
    summary: { vi: 'Biên bản kiểm tra dạng bảng (CSV đã lưu)', en: 'The stored report as a table (CSV)' },
    roles: INSPECTORS,
    scoped: true,
    response: z.string(),
    produces: 'text/csv',
    errors: [409],
  },
];
