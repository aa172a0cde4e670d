/**
 * `npm start`: the whole product on one machine with demo data. Builds the extension and the
 * dashboard if they are not built, starts the API (embedded SQLite under ./data; on an empty
 * database demo accounts and a month of demo history) and the simulated back-office, and prints
 * where everything is.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { loadConfig } from '../api/config.ts';
import { startApi } from '../api/server.ts';
import { startBackoffice } from '../tests/backoffice/server.ts';
import { DEMO_OFFICIALS, DEMO_PASSWORD } from '../shared/demo/roster.ts';
import { seedDemoHistory } from './demo-history.ts';

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

const config = loadConfig({ DEMO: '1', LOG_LEVEL: 'warn', ...process.env });
if (config.demo && process.env.DEMO_HISTORY !== '0') {
  const seeded = await seedDemoHistory(config.database).catch((e: unknown) => {
    console.warn(`Không tạo được dữ liệu demo / Demo history skipped: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  });
  if (seeded) console.log(`Dữ liệu demo / Demo history: ${seeded.dossiers} hồ sơ (dossiers), ${seeded.events} sự kiện (events), 45 ngày gần đây (last 45 days)`);
}
const api = await startApi(config);
const backoffice = await startBackoffice({ port: Number(process.env.BACKOFFICE_PORT ?? 8788), workday: process.env.WORKDAY !== '0' });

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
    void Promise.all([api.close(), backoffice.close()]).then(() => process.exit(0));
  });
}
