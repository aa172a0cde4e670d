import type { z } from 'zod';
import type { Role } from '../../shared/schemas/api.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'options';

/**
 * One route of the app, as the documentation, the route-table test and the authorization matrix
 * see it. The handlers enforce access themselves; the tests prove they agree with this table.
 */
export type RouteSpec = {
  method: HttpMethod;
  /** Hono syntax (`/v1/admin/units/:id`), exactly as the app registers it. */
  path: string;
  tag: string;
  summary: { vi: string; en: string };
  /** `public`: no session; otherwise the roles allowed (all three: any signed-in official). */
  roles: 'public' | readonly Role[];
  /** Limited to the caller's unit subtree: an out-of-scope unit is refused (403 or 404) or filtered out. */
  scoped: boolean;
  /** `own`: a clerk is never refused by scope here, they are shown only their own records. */
  clerks?: 'own';
  /** Needs an admin whose own unit is a root of the tree (the province). */
  provinceWide?: boolean;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  /** Success status; 200 unless stated. */
  status?: 200 | 201 | 204 | 302;
  produces?:
    | 'application/json'
    | 'text/html'
    | 'text/csv'
    | 'application/xml'
    | 'text/plain'
    | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  /** Failures besides those that follow from access and inputs (e.g. 409, 413, 429). */
  errors?: number[];
  /** A request body shown in the docs page's "try it" form. */
  example?: unknown;
  /** Infrastructure, not contract (the CORS preflight): listed so the table is complete, left out of the document. */
  undocumented?: boolean;
};

export const ANY_ROLE = ['clerk', 'leader', 'inspector', 'admin'] as const satisfies readonly Role[];

export const routeKey = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;

/** `/v1/admin/units/:id` → `/v1/admin/units/{id}`. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
export const pathParams = (path: string) => [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
