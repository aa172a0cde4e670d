import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { ROUTE_TABLE } from './route-table.ts';
import { buildOpenApiDocument } from './openapi-document.ts';
import { docsCsp, docsPage } from './docs-page.ts';

export function createOpenApiRoutes() {
  // Built on first request: the table is static, so one document serves the process's life.
  let document: Record<string, unknown> | undefined;
  return new Hono<AppEnv>()
    .get('/openapi.json', (c) => c.json((document ??= buildOpenApiDocument(ROUTE_TABLE))))
    .get('/docs', (c) => {
      const nonce = randomBytes(16).toString('base64');
      c.header('Content-Security-Policy', docsCsp(nonce));
      return c.html(docsPage(nonce));
    });
}
