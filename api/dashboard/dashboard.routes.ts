import { Hono } from 'hono';
import type { AppEnv } from '../http/context.ts';
import { DASHBOARD_DIR, readBuiltFile } from './static-files.ts';

/**
 * Everything the page loads is from this origin (no CDN, no web fonts), so the policy can be
 * strict. Chart.js and Preact set styles through the CSSOM, which `style-src 'self'` allows.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>Dossier Pulse</title>
<h1>Chưa build trang quản trị / The dashboard is not built</h1>
<p>Chạy / Run <code>npm run build:dashboard</code> (${DASHBOARD_DIR}).</p></html>`;

/**
 * Serves the built dashboard under /dashboard/. Paths that are not files are the app's own
 * history routes (/dashboard/units/…): they get index.html and the app routes on the client.
 */
export function createDashboardRoutes(opts: { dir?: string } = {}) {
  return new Hono<AppEnv>().get('/*', async (c) => {
    const path = c.req.path;
    // Relative links in the shell resolve against a directory, so /dashboard becomes /dashboard/.
    if (path === '/dashboard') return c.redirect('/dashboard/', 301);
    let relative: string;
    try {
      relative = decodeURIComponent(path.slice('/dashboard/'.length));
    } catch {
      return c.text('Bad path', 400);
    }
    const file =
      (relative && (await readBuiltFile(relative, opts.dir))) ||
      (relative.startsWith('assets/') ? null : await readBuiltFile('index.html', opts.dir));
    if (!file) {
      if (relative.startsWith('assets/')) return c.text('Not found', 404);
      return c.html(NOT_BUILT, 503);
    }
    c.header('Content-Type', file.type);
    c.header('Cache-Control', file.cacheControl);
    c.header('X-Content-Type-Options', 'nosniff');
    if (file.type.startsWith('text/html')) {
      c.header('Content-Security-Policy', CSP);
      c.header('Referrer-Policy', 'same-origin');
    }
    return c.body(file.body, 200);
  });
}
