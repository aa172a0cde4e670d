/**
 * `npm start`: the whole product on one machine with demo data. Builds the extension and the
 * dashboard if they are not built, seeds the simulated back-office, rebuilds the API's demo
 * database (./data/demo.sqlite) from the back-office's own dossiers and handling (one world, one
 * set of codes: scripts/demo-world.ts), starts both, and prints where everything is.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadConfig } from '../api/config.ts';
import { DEMO_OFFICIALS, DEMO_PASSWORD } from '../shared/demo/roster.ts';
import { startDemo } from './demo-world.ts';

const root = resolve(import.meta.dirname, '..');
const extensionDir = resolve(root, '.output/chrome-mv3');

if (!existsSync(resolve(extensionDir, 'manifest.json'))) {
  console.log('Đang build tiện ích / Building the extension…');
  const r = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The dashboard is served by the API from its build output, like the extension it is built once.
if (!existsSync(resolve(root, '.output/dashboard/index.html'))) {
  console.log('Đang build trang quản trị / Building the dashboard…');
  const r = spawnSync('npx', ['vite', 'build', '--config', 'api/dashboard/vite.config.ts'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The demo's database is rebuilt at each start from the back-office's world, so the two always
// match; a database named by SQLITE_PATH or DATABASE_URL is kept (history only when it is empty).
const DEMO_SQLITE = './data/demo.sqlite';
const config = loadConfig({ DEMO: '1', LOG_LEVEL: 'warn', SQLITE_PATH: DEMO_SQLITE, ...process.env });
const demo = await startDemo({
  config,
  backofficePort: Number(process.env.BACKOFFICE_PORT ?? 8788),
  workday: process.env.WORKDAY !== '0',
  history: config.demo && process.env.DEMO_HISTORY !== '0',
  rebuildSqlite: process.env.SQLITE_PATH || process.env.DATABASE_URL ? undefined : DEMO_SQLITE,
  log: (line) => console.warn(line),
});
const { api, backoffice, seeded } = demo;
if (seeded)
  console.log(
    `Dữ liệu demo / Demo history: ${seeded.dossiers} hồ sơ của back-office mô phỏng (the simulated back-office's dossiers), ${seeded.events} sự kiện (events)`,
  );

const accounts = DEMO_OFFICIALS.map((o) => `  ${o.username.padEnd(16)} ${o.apiRole.padEnd(10)} ${o.displayName}`).join('\n');
console.log(`
Dossier Pulse đang chạy / is running

  API:                 ${api.url}   (GET /healthz, database: ${config.database.kind === 'sqlite' ? config.database.path : 'PostgreSQL'})
  Trang quản trị / Dashboard: ${api.url}/dashboard/   (admin / thanhtra)
  Back-office (SPA):   ${backoffice.url}/dvc/
  Back-office (cũ):    ${backoffice.url}/motcua/
  Tiện ích / Extension: ${extensionDir}
    Chrome → chrome://extensions → Developer mode → Load unpacked → chọn thư mục trên / pick that folder

Tài khoản demo / Demo accounts (mật khẩu / password: ${config.demo ? DEMO_PASSWORD : '(not demo mode)'})
${accounts}

Ctrl+C để dừng / to stop.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void demo.close().then(() => process.exit(0));
  });
}
