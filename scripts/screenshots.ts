/**
 * `npm run screenshots`: refreshes the README's pictures on purpose. Tests write their pictures
 * under test-results/ only; this script builds the extension and the dashboard, runs the
 * back-office picture script and the two e2e suites that take pictures into a fresh directory,
 * and copies every picture the README shows into docs/screenshots/. If a suite fails, nothing is
 * copied (a failing screen is not a picture to publish) unless `--keep-going` is given.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = resolve(import.meta.dirname, '..');
const out = resolve(root, 'test-results/screenshots-refresh');
const docs = resolve(root, 'docs/screenshots');
const keepGoing = process.argv.includes('--keep-going');
const env = { ...process.env, SCREENSHOTS_DIR: out };

function run(cmd: string, args: string[]): boolean {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env }).status === 0;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
if (!run('npx', ['wxt', 'build']) || !run('npx', ['vite', 'build', '--config', 'api/dashboard/vite.config.ts'])) process.exit(1);
let ok = run('node', ['tests/backoffice/screenshots.ts']);
ok =
  run('npx', [
    'vitest',
    'run',
    '--project',
    'e2e',
    'tests/e2e/faces.e2e.test.ts',
    'tests/e2e/dashboard.e2e.test.ts',
    'tests/e2e/evaluation.e2e.test.ts',
    'tests/e2e/reconcile.e2e.test.ts',
  ]) && ok;
if (!ok && !keepGoing) {
  console.error(
    `Một bước thất bại: không chép ảnh nào / A step failed: nothing copied (pictures are in ${out}; --keep-going copies them anyway).`,
  );
  process.exit(1);
}

const readme = readFileSync(resolve(root, 'README.md'), 'utf8');
const shown = [...new Set([...readme.matchAll(/docs\/screenshots\/([\w.-]+\.png)/g)].map((m) => m[1]!))];
mkdirSync(docs, { recursive: true });
const missing: string[] = [];
for (const name of shown) {
  const from = resolve(out, name);
  if (!existsSync(from)) {
    missing.push(name);
    continue;
  }
  copyFileSync(from, resolve(docs, name));
  console.log(`docs/screenshots/${name}`);
}
if (missing.length) {
  console.error(`Không có ảnh / Not produced: ${missing.join(', ')}`);
  process.exit(1);
}
