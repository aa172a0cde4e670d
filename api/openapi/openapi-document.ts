import { z } from 'zod';
import { errorSchema } from './core-schemas.ts';
import { openApiPath, pathParams, type RouteSpec } from './route-spec.ts';

type Json = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Đã tạo / Created',
  204: 'Không có nội dung / No content',
  400: 'Dữ liệu không hợp lệ / Invalid input',
  401: 'Chưa đăng nhập hoặc phiên hết hạn / Not signed in or session expired',
  403: 'Không có quyền hoặc ngoài phạm vi / Role or scope forbids it',
  404: 'Không tìm thấy (hoặc ngoài phạm vi) / Not found (or outside scope)',
  409: 'Xung đột với dữ liệu hiện có / Conflicts with current data',
  413: 'Nội dung quá lớn / Body too large',
  429: 'Quá nhiều yêu cầu / Too many requests',
};

/** `GET /v1/admin/units/:id` → `getV1AdminUnitsById`. */
export function operationId(r: Pick<RouteSpec, 'method' | 'path'>): string {
  const words = r.path
    .split('/')
    .filter(Boolean)
    .map((seg) => (seg.startsWith(':') ? `by-${seg.slice(1)}` : seg))
    .flatMap((seg) => seg.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return r.method + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
}

/**
 * zod writes a standalone JSON Schema whose internal references point at its own root (`#`,
 * `#/$defs/…`). Inside an OpenAPI document those must point into components, so each schema's
 * $defs are hoisted next to it and its references rewritten.
 */
function toComponents(name: string, schema: z.ZodType, io: 'input' | 'output'): Record<string, Json> {
  const {
    $schema: _dialect,
    $defs,
    ...root
  } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json & { $defs?: Record<string, Json> };
  const target = (ref: string) =>
    ref === '#' ? `#/components/schemas/${name}` : ref.startsWith('#/$defs/') ? `#/components/schemas/${name}_${ref.slice(8)}` : ref;
  const rewrite = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(rewrite)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === '$ref' && typeof x === 'string' ? target(x) : rewrite(x)]))
        : v;
  const out: Record<string, Json> = { [name]: rewrite(root) as Json };
  for (const [k, def] of Object.entries($defs ?? {})) out[`${name}_${k}`] = rewrite(def) as Json;
  return out;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function queryParameters(schema: z.ZodObject): Json[] {
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: (js.required ?? []).includes(name),
    schema: s,
  }));
}

export function buildOpenApiDocument(
  routes: readonly RouteSpec[],
  info: { title: string; version: string } = { title: 'Dossier Pulse API', version: '0.1.0' },
): Json {
  const schemas: Record<string, Json> = { ...toComponents('Error', errorSchema, 'output') };
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    if (r.undocumented) continue;
    const id = operationId(r);
    const Name = id[0]!.toUpperCase() + id.slice(1);
    const isPublic = r.roles === 'public';
    const params = pathParams(r.path);
    const parameters = [
      ...params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...(r.query ? queryParameters(r.query) : []),
    ];
    const status = r.status ?? 200;
    const produces = r.produces ?? 'application/json';
    Object.assign(schemas, toComponents(`${Name}Response`, r.response, 'output'));
    const responses: Record<string, Json> = {
      [status]: { description: STATUS_TEXT[status]!, content: { [produces]: { schema: ref(`${Name}Response`) } } },
    };
    const failures = new Set<number>(r.errors ?? []);
    if (r.body || r.query || params.length) failures.add(400);
    if (!isPublic) [401, 403].forEach((s) => failures.add(s));
    if (params.length) failures.add(404);
    for (const s of [...failures].sort())
      responses[s] = { description: STATUS_TEXT[s] ?? 'Lỗi / Error', content: { 'application/json': { schema: ref('Error') } } };

    const op: Json = {
      operationId: id,
      summary: `${r.summary.vi} / ${r.summary.en}`,
      tags: [r.tag],
      'x-summary-vi': r.summary.vi,
      'x-summary-en': r.summary.en,
      'x-roles': isPublic ? ['public'] : [...r.roles],
      'x-scoped': r.scoped,
      'x-province-wide': !!r.provinceWide,
      'x-clerks-own-only': r.clerks === 'own',
      security: isPublic ? [] : [{ bearerAuth: [] }, { cookieAuth: [] }],
      responses,
    };
    if (parameters.length) op.parameters = parameters;
    if (r.body) {
      Object.assign(schemas, toComponents(`${Name}Request`, r.body, 'input'));
      const media: Json = { schema: ref(`${Name}Request`) };
      if (r.example !== undefined) media.example = r.example;
      op.requestBody = { required: true, content: { 'application/json': media } };
    }
    (paths[openApiPath(r.path)] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      description:
        'Dossier Pulse: ghi nhận thời gian xử lý hồ sơ TTHC và tổng hợp theo cán bộ, bước, đơn vị. / Times how administrative-procedure dossiers are handled and aggregates per official, step and unit.',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(routes.filter((r) => !r.undocumented).map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'Token từ /v1/auth/login (tiện ích) / token from /v1/auth/login (extension)',
        },
        cookieAuth: { type: 'apiKey', in: 'cookie', name: 'dp_session', description: 'Phiên của trang quản trị / dashboard session' },
      },
    },
  };
}
