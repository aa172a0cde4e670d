import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

/** Where `npm run build:dashboard` writes the app (git-ignored). */
export const DASHBOARD_DIR = resolve(import.meta.dirname, '../../.output/dashboard');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticFile = { body: Uint8Array<ArrayBuffer>; type: string; cacheControl: string };

/**
 * A file of the build by its path below /dashboard/. Vite fingerprints everything under
 * assets/, so those never change and may be cached for a year; anything else (index.html) must
 * be revalidated, or a browser would keep asking for assets of an older build.
 */
export async function readBuiltFile(relative: string, dir = DASHBOARD_DIR): Promise<StaticFile | null> {
  const type = TYPES[extname(relative).toLowerCase()];
  if (!type) return null;
  const full = resolve(dir, relative);
  // A decoded `..` must not leave the build directory.
  if (!full.startsWith(dir + sep)) return null;
  try {
    if (!(await stat(full)).isFile()) return null;
    const body = new Uint8Array(await readFile(full));
    const immutable = relative.startsWith('assets/');
    return { body, type, cacheControl: immutable ? 'public, max-age=31536000, immutable' : 'no-cache' };
  } catch {
    return null;
  }
}
