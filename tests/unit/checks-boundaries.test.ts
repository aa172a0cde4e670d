// Probes of the import-boundary check (scripts/check-boundaries.ts): each breaks one rule in a
// temporary tree outside the repository and must make the check fail; the repository itself passes.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { checkBoundaries, importsOf } from '../../scripts/check-boundaries.ts';

const REPO = resolve(import.meta.dirname, '../..');
const CHECKER = join(REPO, 'scripts/check-boundaries.ts');
const roots: string[] = [];

/** A tree of files (path → source) in a fresh temporary directory. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'dp-boundaries-'));
  roots.push(root);
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), source);
  }
  return root;
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const CLEAN = {
  'shared/calendar/civil-date.ts': 'export const DAY_MS = 86_400_000;\n',
  'api/stats/units.repository.ts': "import { DAY_MS } from '../../shared/calendar/civil-date.ts';\nexport const x = DAY_MS;\n",
  'api/stats/units.routes.ts':
    "import { x } from './units.repository.ts';\nimport { readFileSync } from 'node:fs';\nexport const y = [x, readFileSync];\n",
  'extension/ui/format.ts':
    "import { DAY_MS } from '../../shared/calendar/civil-date.ts';\nimport { h } from 'preact';\nexport const z = [DAY_MS, h];\n",
};

const rulesBroken = (files: Record<string, string>) =>
  checkBoundaries(tree({ ...CLEAN, ...files }))
    .violations.map((v) => `${v.file}: ${v.rule}`)
    .sort();

describe('import boundaries', () => {
  test('the repository passes, with no stale exception', () => {
    expect(checkBoundaries(REPO)).toEqual({ violations: [], unusedExceptions: [] });
  });

  test('a clean tree passes (the probes below fail because of what they add)', () => {
    expect(rulesBroken({})).toEqual([]);
  });

  test('probe: shared/ importing api/ fails', () => {
    expect(
      rulesBroken({ 'shared/rules/probe.ts': "import { x } from '../../api/stats/units.repository.ts';\nexport const p = x;\n" }),
    ).toEqual(['shared/rules/probe.ts: shared/ imports nothing of ours outside shared/']);
  });

  test('probe: node: imported in extension/ fails, as does a bare built-in', () => {
    expect(
      rulesBroken({
        'extension/capture/probe.ts': "import { createHash } from 'node:crypto';\nexport const p = createHash;\n",
        'extension/ui/probe.tsx': "import fs from 'fs';\nexport const q = fs;\n",
      }),
    ).toEqual([
      'extension/capture/probe.ts: extension/ must not import Node built-ins',
      'extension/ui/probe.tsx: extension/ must not import Node built-ins',
    ]);
  });

  test("probe: a feature folder importing another feature's repository fails", () => {
    expect(rulesBroken({ 'api/flags/probe.ts': "import { x } from '../stats/units.repository.ts';\nexport const p = x;\n" })).toEqual([
      "api/flags/probe.ts: an api feature folder must not import another feature's repository",
    ]);
  });

  test('probe: product code importing tests/ fails; tests may import anything', () => {
    expect(
      rulesBroken({
        'api/stats/probe.ts': "export { startBackoffice } from '../../tests/backoffice/server.ts';\n",
        'api/stats/probe.test.ts':
          "import { x } from '../../tests/support/x.ts';\nimport { y } from '../admin/units.repository.ts';\nexport const p = [x, y];\n",
      }),
    ).toEqual(['api/stats/probe.ts: product code must not import tests/']);
  });

  test('probe: the extension importing the API, and the dashboard importing the extension, fail', () => {
    expect(
      rulesBroken({
        'extension/background/probe.ts': "const m = await import('../../api/app.ts');\nexport const p = m;\n",
        'api/dashboard/app/lib/probe.ts': "import type { X } from '../../../../extension/ui/format.ts';\nexport type P = X;\n",
      }),
    ).toEqual([
      'api/dashboard/app/lib/probe.ts: the dashboard imports only itself and shared/',
      'extension/background/probe.ts: extension/ imports only itself and shared/',
    ]);
  });

  test('the command exits non-zero on a probe and names the file and the rule', () => {
    const root = tree({ ...CLEAN, 'shared/probe.ts': "import '../api/stats/units.routes.ts';\n" });
    const run = spawnSync(process.execPath, [CHECKER, root], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('shared/probe.ts');
    expect(run.stderr).toContain('shared/ imports nothing of ours');
    expect(execFileSync(process.execPath, [CHECKER], { encoding: 'utf8' })).toContain('boundaries: ok');
  });

  test('imports are read from every form, and not from comments', () => {
    const source = [
      "import a from './a.ts';",
      "import type { B } from './b.ts';",
      'import {',
      '  c,',
      "} from './c.ts';",
      "export * from './d.ts';",
      "import './e.css';",
      "const f = await import('./f.ts');",
      "// import g from './g.ts';",
      "/* import h from './h.ts'; */",
      "const s = 'not an import from \\'./i.ts\\'';",
    ].join('\n');
    expect(importsOf(source)).toEqual(['./a.ts', './b.ts', './c.ts', './d.ts', './e.css', './f.ts']);
  });
});
