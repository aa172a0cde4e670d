import { z } from 'zod';
import { loginRequestSchema } from '../../shared/schemas/api.ts';
import { ingestResponseSchema } from '../../shared/schemas/events.ts';
import { periodQuerySchema } from '../stats/period.ts';
import { profileFeedResponseSchema } from '../admin/profiles.schemas.ts';
import { ADMIN_ROUTES } from './admin-route-specs.ts';
import { READ_ROUTES } from './read-route-specs.ts';
import { INSPECTION_ROUTES } from '../inspections/inspection-route-specs.ts';
import { EXPORT_ROUTES } from '../exports/export-route-specs.ts';
import { CHECKPOINT_ROUTES } from '../integrity/checkpoint-route-specs.ts';
import { RECONCILE_ROUTES } from '../reconcile/reconcile-route-specs.ts';
import { EXPLANATION_ROUTES } from '../explanations/explanation-route-specs.ts';
import { ACCESS_LOG_ROUTES } from '../access-log/access-log-route-specs.ts';
import { SHEET_ROUTES } from '../sheets/sheet-route-specs.ts';
import { ANY_ROLE, type RouteSpec } from './route-spec.ts';
import {
  eventBatchDocSchema,
  htmlSchema,
  loginDocSchema,
  meSchema,
  officialStatsSchema,
  okSchema,
  openApiDocumentSchema,
  readySchema,
} from './core-schemas.ts';

/**
 * Every route the app registers. tests/unit/api-route-table.test.ts fails when a route is added to
 * the app without a line here (or the other way round), and the authorization matrix
 * (tests/storage/admin-authz.test.ts) checks each line's roles and scope against the running API.
 */
const CORE_ROUTES: RouteSpec[] = [
  {
    method: 'options',
    path: '/v1/*',
    tag: 'system',
    summary: { vi: 'Kiểm tra CORS trước yêu cầu của tiện ích', en: 'CORS preflight for the extension' },
    roles: 'public',
    scoped: false,
    response: z.null(),
    status: 204,
    undocumented: true,
  },
  {
    method: 'get',
    path: '/healthz',
    tag: 'system',
    summary: { vi: 'Tiến trình còn sống', en: 'Liveness' },
    roles: 'public',
    scoped: false,
    response: okSchema,
  },
  {
    method: 'get',
    path: '/readyz',
    tag: 'system',
    summary: { vi: 'Sẵn sàng (cơ sở dữ liệu trả lời)', en: 'Readiness (the database answers)' },
    roles: 'public',
    scoped: false,
    response: readySchema,
  },
  {
    method: 'get',
    path: '/metrics',
    tag: 'system',
    summary: { vi: 'Số đo cho Prometheus (mã METRICS_TOKEN nếu đặt)', en: 'Prometheus metrics (METRICS_TOKEN when set)' },
    roles: 'public',
    scoped: false,
    response: z.string(),
    produces: 'text/plain',
  },
  {
    method: 'get',
    path: '/openapi.json',
    tag: 'system',
    summary: { vi: 'Tài liệu OpenAPI 3.1 của API', en: 'The OpenAPI 3.1 document of this API' },
    roles: 'public',
    scoped: false,
    response: openApiDocumentSchema,
  },
  {
    method: 'get',
    path: '/docs',
    tag: 'system',
    summary: { vi: 'Trang tài liệu tương tác', en: 'Interactive documentation page' },
    roles: 'public',
    scoped: false,
    response: htmlSchema,
    produces: 'text/html',
  },
  {
    method: 'post',
    path: '/v1/auth/login',
    tag: 'auth',
    summary: { vi: 'Đăng nhập, nhận phiên (cookie và bearer token)', en: 'Sign in: a session as cookie and bearer token' },
    roles: 'public',
    scoped: false,
    body: loginRequestSchema,
    response: loginDocSchema,
    errors: [401, 403, 415, 429],
    example: { username: 'admin', password: 'demo' },
  },
  {
    method: 'get',
    path: '/v1/auth/me',
    tag: 'auth',
    summary: { vi: 'Cán bộ đang đăng nhập', en: 'The signed-in official' },
    roles: ANY_ROLE,
    scoped: false,
    response: meSchema,
  },
  {
    method: 'post',
    path: '/v1/auth/logout',
    tag: 'auth',
    summary: { vi: 'Đăng xuất phiên này', en: 'Sign out this session' },
    roles: ANY_ROLE,
    scoped: false,
    response: okSchema,
  },
  {
    method: 'post',
    path: '/v1/auth/logout-all',
    tag: 'auth',
    summary: { vi: 'Đăng xuất mọi phiên của mình', en: 'Sign out all of my sessions' },
    roles: ANY_ROLE,
    scoped: false,
    response: okSchema,
  },
  {
    method: 'post',
    path: '/v1/events',
    tag: 'ingest',
    summary: { vi: 'Gửi lô sự kiện ghi nhận (idempotent theo mã sự kiện)', en: 'Send a batch of capture events (idempotent by event id)' },
    roles: ANY_ROLE,
    scoped: false,
    body: eventBatchDocSchema,
    response: ingestResponseSchema,
    errors: [413, 429],
    example: { sentAt: '2026-01-05T02:00:00.000Z', events: [] },
  },
  {
    method: 'get',
    path: '/v1/stats/officials',
    tag: 'stats',
    summary: {
      vi: 'Số liệu theo cán bộ (chuyên viên: của mình; khác: cây đơn vị)',
      en: 'Per-official figures (clerk: own; others: unit subtree)',
    },
    roles: ANY_ROLE,
    scoped: true,
    query: periodQuerySchema,
    response: officialStatsSchema,
  },
  {
    method: 'get',
    path: '/v1/profiles',
    tag: 'profiles',
    summary: {
      vi: 'Phiên bản mới nhất của mỗi hồ sơ trang (tiện ích tải về)',
      en: 'Latest version of each site profile (fetched by the extension)',
    },
    roles: ANY_ROLE,
    scoped: false,
    response: profileFeedResponseSchema,
  },
  {
    method: 'get',
    path: '/',
    tag: 'dashboard',
    summary: { vi: 'Chuyển tới trang quản trị', en: 'Redirect to the dashboard' },
    roles: 'public',
    scoped: false,
    response: htmlSchema,
    status: 302,
    produces: 'text/html',
    // A redirect, not an operation: OpenAPI wants a 2xx for every documented one.
    undocumented: true,
  },
  {
    method: 'get',
    path: '/dashboard/*',
    tag: 'dashboard',
    summary: { vi: 'Trang quản trị (ứng dụng web và tệp tĩnh của nó)', en: 'The dashboard web app and its static files' },
    roles: 'public',
    scoped: false,
    response: htmlSchema,
    produces: 'text/html',
  },
];

export const ROUTE_TABLE: readonly RouteSpec[] = [
  ...CORE_ROUTES,
  ...READ_ROUTES,
  ...ADMIN_ROUTES,
  ...INSPECTION_ROUTES,
  ...EXPORT_ROUTES,
  ...CHECKPOINT_ROUTES,
  ...RECONCILE_ROUTES,
  ...EXPLANATION_ROUTES,
  ...ACCESS_LOG_ROUTES,
  ...SHEET_ROUTES,
];
