/**
 * Where tests write their pictures. Tests never rewrite the tracked docs/screenshots/: they write
 * under test-results/screenshots/ (ignored by git), and `npm run screenshots` (scripts/screenshots.ts)
 * copies the ones the README shows into docs/screenshots/ when someone means to refresh them.
 * SCREENSHOTS_DIR overrides the directory.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export function screenshotDir(): string {
  const dir = resolve(ROOT, process.env.SCREENSHOTS_DIR ?? 'test-results/screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function screenshotPath(name: string): string {
  return resolve(screenshotDir(), name);
}
