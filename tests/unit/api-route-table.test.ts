import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../api/app.ts';
import type { Services } from '../../api/http/context.ts';
import { createLogger } from '../../api/http/logger.ts';
import { ROUTE_TABLE } from '../../api/openapi/route-table.ts';
import { openApiPath, pathParams, routeKey } from '../../api/openapi/route-spec.ts';

// Building the app registers every route; these requests never reach the database.
const app = createApp({ log: createLogger('silent') } as unknown as Services);

/** The essentials of an OpenAPI 3.1 document, as far as this API uses them. */
const jsonSchema = z.record(z.string(), z.unknown());
const media = z.object({ schema: jsonSchema, example: z.unknown().optional() }).strict();
const response = z.object({ description: z.string().min(1), content: z.record(z.string(), media).optional() }).strict();
const parameter = z
  .object({ name: z.string().min(1), in: z.enum(['query', 'header', 'path', 'cookie']), required: z.boolean(), schema: jsonSchema })
  .strict()
  .refine((p) => p.in !== 'path' || p.required, 'path parameters are required');
const operation = z
  .object({
    operationId: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/),
    summary: z.string().min(1),
    tags: z.array(z.string()).min(1),
    parameters: z.array(parameter).optional(),
    requestBody: z
      .object({ required: z.boolean(), content: z.record(z.string(), media) })
      .strict()
      .optional(),
    responses: z
      .record(z.string().regex(/^[1-5]\d\d$/), response)
      .refine((r) => Object.keys(r).some((s) => s.startsWith('2')), 'needs a success response'),
    security: z.array(z.record(z.string(), z.array(z.string()))),
  })
  .catchall(z.unknown())
  .refine((op) => Object.keys(op).every((k) => !k.startsWith('x') || k.startsWith('x-')), 'extensions start with x-');
const openApiSchema = z
  .object({
    openapi: z.string().regex(/^3\.1\.\d+$/),
    info: z.object({ title: z.string().min(1), version: z.string().min(1), description: z.string().optional() }),
    servers: z.array(z.object({ url: z.string() })).optional(),
    tags: z.array(z.object({ name: z.string() })).optional(),
    paths: z.record(
      z.string().regex(/^\/[^:]*$/),
      z.partialRecord(z.enum(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']), operation),
    ),
    components: z.object({
      schemas: z.record(z.string().regex(/^[A-Za-z0-9._-]+$/), jsonSchema),
      securitySchemes: z.record(z.string(), z.object({ type: z.enum(['http', 'apiKey', 'oauth2', 'openIdConnect', 'mutualTLS']) }).loose()),
    }),
  })
  .strict();

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) k === '$ref' && typeof v === 'string' ? out.push(v) : refsIn(v, out);
  return out;
}

describe('route table', () => {
  test('lists exactly the routes the app registers', () => {
    // `ALL` entries are middleware (`.use`); a route's own middleware repeats its method and path.
    const registered = new Set(app.routes.filter((r) => r.method !== 'ALL').map(routeKey));
    const table = ROUTE_TABLE.map(routeKey);
    expect(new Set(table).size).toBe(table.length);
    expect([...registered].filter((k) => !table.includes(k)).sort()).toEqual([]);
    expect(table.filter((k) => !registered.has(k)).sort()).toEqual([]);
  });

  test('every line is complete: bilingual summary, roles, schemas', () => {
    for (const r of ROUTE_TABLE) {
      expect(r.summary.vi.length, routeKey(r)).toBeGreaterThan(3);
      expect(r.summary.en.length, routeKey(r)).toBeGreaterThan(3);
      expect(r.roles === 'public' || r.roles.length > 0, routeKey(r)).toBe(true);
      if (r.provinceWide) expect(r.roles, routeKey(r)).toEqual(['admin']);
      if (['post', 'put', 'patch'].includes(r.method) && !r.undocumented && !r.path.startsWith('/v1/auth/logout'))
        expect(r.body, routeKey(r)).toBeDefined();
    }
  });
});

describe('OpenAPI document', async () => {
  const res = await app.request('/openapi.json');
  const doc = (await res.json()) as z.infer<typeof openApiSchema>;

  test('is structurally valid OpenAPI 3.1', () => {
    expect(res.status).toBe(200);
    const parsed = openApiSchema.safeParse(doc);
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 5)).toEqual([]);
  });

  test('documents every route of the table but the preflight, with its roles', () => {
    for (const r of ROUTE_TABLE) {
      const op = doc.paths[openApiPath(r.path)]?.[r.method as 'get'];
      if (r.undocumented) {
        expect(op, routeKey(r)).toBeUndefined();
        continue;
      }
      expect(op, routeKey(r)).toBeDefined();
      expect(op!['x-roles']).toEqual(r.roles === 'public' ? ['public'] : [...r.roles]);
      expect(op!.security).toEqual(r.roles === 'public' ? [] : [{ bearerAuth: [] }, { cookieAuth: [] }]);
      expect(Object.keys(op!.responses)).toContain(String(r.status ?? 200));
      if (r.roles !== 'public') expect(Object.keys(op!.responses)).toContain('401');
      const inPath = (op!.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      expect(inPath).toEqual(pathParams(r.path));
    }
  });

  test('operation ids are unique and every $ref resolves', () => {
    const ops = Object.values(doc.paths).flatMap((item) => Object.values(item));
    const ids = ops.map((o) => o!.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(ops.length);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.split('/').pop()!], ref).toBeDefined();
    }
    for (const op of ops)
      for (const req of op!.security) for (const name of Object.keys(req)) expect(doc.components.securitySchemes[name]).toBeDefined();
  });

  test('request bodies are the input side of the schemas (defaults make fields optional)', () => {
    const body = doc.components.schemas.PostV1AdminProfilesRequest as { required?: string[] };
    expect(body.required).toContain('id');
    expect(body.required).not.toContain('allFrames');
  });
});

describe('docs page', () => {
  test('is self-contained: no external assets, inline code only under a nonce', async () => {
    const res = await app.request('/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    const csp = res.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    const scripts = [...html.matchAll(/<script nonce="([^"]+)">([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]![1]).toBe(nonce);
    // The page's code at least parses (it runs in a browser, not here).
    expect(() => new Function(scripts[0]![2]!)).not.toThrow();
    expect(scripts[0]![2]).toContain("fetch('openapi.json')");
  });

  test('a new nonce per request', async () => {
    const a = (await app.request('/docs')).headers.get('content-security-policy');
    const b = (await app.request('/docs')).headers.get('content-security-policy');
    expect(a).not.toBe(b);
  });
});
