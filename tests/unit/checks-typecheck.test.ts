// Probes of the per-target typecheck (tsconfig.<target>.json): a file using what its runtime lacks
// must fail under that target's configuration. Each probe is compiled with a temporary tsconfig that
// extends the real target and includes only the probe; both live in node_modules/.cache (untracked),
// so the repository's files are never touched. A control file per target shows the failure is the
// probe's, not the setup's.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const REPO = resolve(import.meta.dirname, '../..');
const CACHE = join(REPO, 'node_modules/.cache');
mkdirSync(CACHE, { recursive: true });
const DIR = mkdtempSync(join(CACHE, 'typecheck-probes-'));
const TSC = join(REPO, 'node_modules/typescript/bin/tsc');

afterAll(() => rmSync(DIR, { recursive: true, force: true }));

/** Type-checks `source` as a file of `target`; returns tsc's exit status and output. */
function typecheckAs(target: 'shared' | 'api' | 'extension' | 'dashboard', name: string, source: string) {
  const dir = join(DIR, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'probe.ts'), source);
  const config = {
    extends: relative(dir, join(REPO, `tsconfig.${target}.json`)),
    compilerOptions: { composite: false, incremental: false, tsBuildInfoFile: null },
    // shared/ declares the few host globals it may use (shared/host-globals.d.ts).
    include: ['probe.ts', ...(target === 'shared' ? [relative(dir, join(REPO, 'shared/host-globals.d.ts'))] : [])],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config));
  const run = spawnSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', cwd: REPO });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('typecheck per target', { timeout: 120_000 }, () => {
  test('probe: `document` used in api/ fails; Node globals pass', () => {
    expect(typecheckAs('api', 'api-ok', 'export const title: string = process.title;\n').status).toBe(0);
    const probe = typecheckAs('api', 'api-document', 'export const title: string = document.title;\n');
    expect(probe.status).not.toBe(0);
    expect(probe.output).toMatch(/Cannot find name 'document'/);
  });

  test('probe: Node (node: imports, process) in shared/ fails; the common host globals pass', () => {
    expect(
      typecheckAs(
        'shared',
        'shared-ok',
        "export const u = new URL('https://a.example/').host;\nexport const c = structuredClone({ a: 1 });\n",
      ).status,
    ).toBe(0);
    const probe = typecheckAs('shared', 'shared-node', "import { createHash } from 'node:crypto';\nexport const h = createHash;\n");
    expect(probe.status).not.toBe(0);
    expect(probe.output).toMatch(/node:crypto/);
    expect(typecheckAs('shared', 'shared-process', 'export const e = process.env;\n').status).not.toBe(0);
  });

  test('probe: the DOM in shared/ fails', () => {
    const probe = typecheckAs('shared', 'shared-dom', 'export const t = document.title;\n');
    expect(probe.status).not.toBe(0);
    expect(probe.output).toMatch(/Cannot find name 'document'/);
  });

  test('probe: the dashboard has the DOM but not Node', () => {
    expect(typecheckAs('dashboard', 'dashboard-ok', 'export const t: string = document.title;\n').status).toBe(0);
    const probe = typecheckAs('dashboard', 'dashboard-node', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n");
    expect(probe.status).not.toBe(0);
  });

  /**
   * The extension's view of the API (extension/messaging/api-types.ts) is picked from the server's
   * response schemas (shared/contract/). A copy of shared/ with one response field renamed, and the
   * extension's types beside it, must fail to typecheck; the unchanged copy passes.
   */
  test('probe: a response field renamed on the server but not in the extension fails', () => {
    const extensionTypes = (name: string, rename?: (flags: string) => string) => {
      const dir = join(DIR, name);
      cpSync(join(REPO, 'shared'), join(dir, 'shared'), { recursive: true, filter: (src) => !src.endsWith('.test.ts') });
      mkdirSync(join(dir, 'extension/messaging'), { recursive: true });
      cpSync(join(REPO, 'extension/messaging/api-types.ts'), join(dir, 'extension/messaging/api-types.ts'));
      const flags = join(dir, 'shared/contract/flags.ts');
      if (rename) writeFileSync(flags, rename(readFileSync(flags, 'utf8')));
      const config = {
        extends: relative(dir, join(REPO, 'tsconfig.extension.json')),
        compilerOptions: { composite: false, incremental: false, tsBuildInfoFile: null },
        include: ['extension/messaging/api-types.ts'],
      };
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config));
      const run = spawnSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', cwd: REPO });
      return { status: run.status, output: `${run.stdout}${run.stderr}` };
    };
    const control = extensionTypes('contract-ok');
    expect(control.output).toBe('');
    expect(control.status).toBe(0);
    const renamed = extensionTypes('contract-renamed', (src) => {
      expect(src).toContain('  hoursOver: z.number(),');
      return src.replace('  hoursOver: z.number(),', '  hoursBeyond: z.number(),');
    });
    expect(renamed.status).not.toBe(0);
    expect(renamed.output).toMatch(/api-types\.ts.*hoursOver/);
  });
});
