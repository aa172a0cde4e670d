import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, test } from 'vitest';
import { createDashboardRoutes } from './dashboard.routes.ts';

/** A fake build: the router must not care what Vite named the files, only where they are. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dp-dashboard-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>x</title><script type="module" src="/dashboard/assets/app-abc.js"></script>',
  );
  writeFileSync(join(dir, 'assets/app-abc.js'), 'console.log(1)');
  writeFileSync(join(dir, 'assets/app-abc.css'), 'body{}');
  writeFileSync(join(dir, 'assets/icon-abc.svg'), '<svg/>');
  return dir;
}

const appOn = (dir: string) => new Hono().route('/dashboard', createDashboardRoutes({ dir }));

describe('dashboard router', () => {
  const app = appOn(fakeBuild());

  test('serves fingerprinted assets with their type, cached for a year', async () => {
    for (const [path, type] of [
      ['/dashboard/assets/app-abc.js', 'text/javascript'],
      ['/dashboard/assets/app-abc.css', 'text/css'],
      ['/dashboard/assets/icon-abc.svg', 'image/svg+xml'],
    ]) {
      const res = await app.request(path!);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain(type);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  test('the shell and every history route get index.html, revalidated, under a strict CSP', async () => {
    for (const path of [
      '/dashboard/',
      '/dashboard/units/000.00.12.H32',
      '/dashboard/dossiers/000.00.12.H32-251117-0001',
      '/dashboard/admin/calendars',
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(await res.text()).toContain('/dashboard/assets/app-abc.js');
    }
  });

  test('/dashboard redirects to the directory; missing assets are 404, not the shell', async () => {
    const res = await app.request('/dashboard');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/dashboard/');
    expect((await app.request('/dashboard/assets/gone-123.js')).status).toBe(404);
  });

  test('never leaves the build directory', async () => {
    for (const path of [
      '/dashboard/..%2F..%2Fpackage.json',
      '/dashboard/%2e%2e/%2e%2e/package.json',
      '/dashboard/assets/..%2F..%2F..%2Fpackage.json',
    ]) {
      const res = await app.request(path);
      expect(await res.text(), path).not.toContain('"dependencies"');
    }
    expect((await app.request('/dashboard/%E0%A4%A')).status).toBe(400);
  });

  test('without a build it says how to make one', async () => {
    const res = await appOn(join(tmpdir(), 'dp-no-such-build')).request('/dashboard/');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build:dashboard');
  });
});
