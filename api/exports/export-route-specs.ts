import { z } from 'zod';
import { ANY_ROLE, type RouteSpec } from '../openapi/route-spec.ts';
import {
  dossiersCsvQuerySchema,
  eventLogQuerySchema,
  flagsCsvQuerySchema,
  unitOfficialsCsvQuerySchema,
  unitsCsvQuerySchema,
} from './exports.schemas.ts';

const E = '/v1/exports';
const tag = 'exports';
const file = z.string();

/** The export routes (api/exports), listed for the route table and the docs. */
export const EXPORT_ROUTES: RouteSpec[] = [
  {
    method: 'get',
    path: `${E}/events.xes`,
    tag,
    summary: {
      vi: 'Nhật ký thao tác dạng XES (IEEE 1849) để khai phá quy trình (chuyên viên: của mình)',
      en: 'Action log as XES (IEEE 1849) for process mining (clerk: own)',
    },
    roles: ANY_ROLE,
    scoped: true,
    clerks: 'own',
    query: eventLogQuerySchema,
    response: file,
    produces: 'application/xml',
  },
  {
    method: 'get',
    path: `${E}/events.ocel.json`,
    tag,
    summary: { vi: 'Nhật ký thao tác dạng OCEL 2.0 JSON (chuyên viên: của mình)', en: 'Action log as OCEL 2.0 JSON (clerk: own)' },
    roles: ANY_ROLE,
    scoped: true,
    clerks: 'own',
    query: eventLogQuerySchema,
    // Written as a stream; described loosely here, its structure is OCEL 2.0's.
    response: z.looseObject({
      objectTypes: z.array(z.unknown()),
      eventTypes: z.array(z.unknown()),
      objects: z.array(z.unknown()),
      events: z.array(z.unknown()),
    }),
  },
  {
    method: 'get',
    path: `${E}/units.csv`,
    tag,
    summary: { vi: 'Số liệu theo đơn vị (CSV)', en: 'Per-unit figures (CSV)' },
    roles: ['leader', 'inspector', 'admin'],
    scoped: true,
    query: unitsCsvQuerySchema,
    response: file,
    produces: 'text/csv',
  },
  {
    method: 'get',
    path: `${E}/unit-officials.csv`,
    tag,
    summary: { vi: 'Số liệu từng cán bộ của đơn vị (CSV; chuyên viên: của mình)', en: "Figures of a unit's officials (CSV; clerk: own)" },
    roles: ANY_ROLE,
    scoped: true,
    query: unitOfficialsCsvQuerySchema,
    response: file,
    produces: 'text/csv',
  },
  {
    method: 'get',
    path: `${E}/dossiers.csv`,
    tag,
    summary: { vi: 'Danh sách hồ sơ (CSV; chuyên viên: hồ sơ mình đã giữ)', en: 'Dossier list (CSV; clerk: those they held)' },
    roles: ANY_ROLE,
    scoped: true,
    clerks: 'own',
    query: dossiersCsvQuerySchema,
    response: file,
    produces: 'text/csv',
  },
  {
    method: 'get',
    path: `${E}/flags.csv`,
    tag,
    summary: { vi: 'Cảnh báo hồ sơ chậm (CSV; chuyên viên: của mình)', en: 'Stall flags (CSV; clerk: their own)' },
    roles: ANY_ROLE,
    scoped: true,
    clerks: 'own',
    query: flagsCsvQuerySchema,
    response: file,
    produces: 'text/csv',
  },
];
