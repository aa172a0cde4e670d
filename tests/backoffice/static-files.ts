/** Serves the browser-side files of a variant from one folder, by plain name only. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

export async function serveFile(c: Context, dir: string, name: string): Promise<Response> {
  // Plain names only: nothing outside the variant's folder can be reached.
  const m = /^[a-z0-9-]+\.(js|css|svg)$/.exec(name);
  if (!m) return c.text('Not found', 404);
  try {
    const body = await readFile(join(dir, name));
    return c.body(body, 200, { 'content-type': TYPES[m[1]!]!, 'cache-control': 'no-cache' });
  } catch {
    return c.text('Not found', 404);
  }
}
