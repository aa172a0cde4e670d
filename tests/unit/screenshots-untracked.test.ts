import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, screenshotPath } from '../support/screenshots.ts';

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('tests never rewrite the tracked screenshots', () => {
  test('the default picture directory is ignored by git', () => {
    delete process.env.SCREENSHOTS_DIR;
    const file = relative(ROOT, screenshotPath('probe.png'));
    expect(file.startsWith('docs')).toBe(false);
    // check-ignore exits 0 only when the path is ignored.
    expect(() => execFileSync('git', ['check-ignore', '-q', file], { cwd: ROOT })).not.toThrow();
  });

  test('no test source names docs/screenshots outside comments', () => {
    const offenders = tsFiles(join(ROOT, 'tests'))
      .filter((f) => f !== import.meta.filename)
      .filter((f) => {
        const code = readFileSync(f, 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/^\s*\/\/.*$/gm, '');
        return /docs[/'", ]+screenshots/.test(code);
      });
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
