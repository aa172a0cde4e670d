/** Builds the back-office's HTTP app: both variants, a landing page, and the test routes. */
import { Hono } from 'hono';
import { classicRoutes } from './classic-routes.ts';
import { exportRoutes } from './export-routes.ts';
import { spaRoutes } from './spa-routes.ts';
import { materialRoutes } from './material-routes.ts';
import { testRoutes } from './test-routes.ts';
import type { Workday } from './workday.ts';
import type { World } from './world.ts';

const LANDING = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Back-office mô phỏng</title></head>
<body style="font-family:sans-serif;max-width:640px;margin:40px auto">
<h1>Back-office mô phỏng (Dossier Pulse)</h1>
<ul>
<li><a href="/dvc/">Ứng dụng một trang /dvc/</a> (kiểu React/Ant Design)</li>
<li><a href="/motcua/">Hệ thống cũ /motcua/</a> (kiểu PHP, cửa sổ bật lên và khung)</li>
</ul>
<p>Mật khẩu của mọi tài khoản: <code>demo</code>. Ví dụ: motcua1, chuyenvien1, lanhdao1, giamdoc1.</p>
</body></html>`;

export function createApp(world: World, opts: { testRoutes: boolean; workday: () => Workday | null }): Hono {
  // Not strict: `/motcua/` and `/motcua` are the same page, as on a real web server.
  const app = new Hono({ strict: false });
  app.get('/', (c) => c.html(LANDING));
  app.route('/dvc', spaRoutes(world));
  app.route('/motcua', classicRoutes(world));
  app.route('/xuat-bao-cao', exportRoutes(world));
  app.route('/mat', materialRoutes());
  if (opts.testRoutes) app.route('/__test', testRoutes(world, opts.workday));
  app.onError((err, c) => {
    console.error('[backoffice]', err);
    return c.json({ error: { code: 'internal', message: String(err?.message ?? err) } }, 500);
  });
  return app;
}
