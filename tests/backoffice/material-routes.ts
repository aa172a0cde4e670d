/**
 * The third variant (issue 16), under /mat/: an Angular-Material-style single-page app built
 * apart from the other two. `mat-row` divs instead of a table, a paginator that re-renders the
 * rows in place, a label/value grid without ids, one shared overlay dialog with "Đồng ý" for
 * every list-row action (no `<form>` anywhere), receivers shown as "Full name - position" with the
 * account only in an attribute, icon-font text inside buttons and cells, the signed-in account
 * only in a hidden menu, and ISO-like dates in the list. It talks to the /dvc/ JSON API (same
 * sessions, same lifecycle, same ground truth).
 */
import { join } from 'node:path';
import { Hono } from 'hono';
import { serveFile } from './static-files.ts';

const ASSETS = join(import.meta.dirname, 'material');

const SHELL = `<!doctype html>
<html lang="vi">
<head><meta charset="utf-8"><title>Cổng xử lý hồ sơ (Material)</title>
<style>
body{font:14px Roboto,system-ui,sans-serif;margin:0}mat-toolbar{display:flex;gap:12px;align-items:center;background:#3f51b5;color:#fff;padding:8px 16px}
mat-table{display:block}mat-row,mat-header-row{display:flex;border-bottom:1px solid #ddd;padding:6px 0}mat-cell,mat-header-cell{flex:1;padding:0 6px}
.cdk-overlay-pane{position:fixed;inset:20% 25% auto;background:#fff;box-shadow:0 4px 24px rgba(0,0,0,.3);padding:16px}.mat-menu-panel[hidden]{display:none}
mat-icon{font-size:12px;color:#777;margin-right:4px}
</style></head>
<body class="mat-typography"><app-root></app-root><div class="cdk-overlay-container"></div>
<script type="module" src="/mat/assets/main.js"></script></body></html>`;

export function materialRoutes(): Hono {
  const app = new Hono();
  app.get('/assets/:name', (c) => serveFile(c, ASSETS, c.req.param('name')));
  app.get('*', (c) => c.html(SHELL));
  return app;
}
