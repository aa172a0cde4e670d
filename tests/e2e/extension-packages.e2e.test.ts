import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, '.output');
const manifest = (dir: string) => JSON.parse(readFileSync(join(OUT, dir, 'manifest.json'), 'utf8'));
const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * What `web-ext lint` may still warn about, each for a reason; anything else fails. The overlay
 * builds its shadow-root markup as strings for speed (every value in it is escaped), Preact's
 * renderer supports `dangerouslySetInnerHTML` (unused by us), and zod probes once whether
 * `new Function` is allowed.
 */
const KNOWN_WARNINGS: { code: string; file: RegExp }[] = [
  { code: 'UNSAFE_VAR_ASSIGNMENT', file: /^content-scripts\/content\.js$/ },
  { code: 'UNSAFE_VAR_ASSIGNMENT', file: /^chunks\/base-[\w-]+\.js$/ },
  { code: 'DANGEROUS_EVAL', file: /^background\.js$/ },
];

type LintMessage = { code: string; file?: string; message: string };

describe('the extension packages for Chrome/Edge and Firefox', () => {
  test('npm run zip:ext builds and packs both browsers (and the sources Firefox review asks for)', () => {
    run('npm', ['run', 'zip:ext']);
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const name of [
      `dossier-pulse-${version}-chrome.zip`,
      `dossier-pulse-${version}-firefox.zip`,
      `dossier-pulse-${version}-sources.zip`,
    ]) {
      expect(existsSync(join(OUT, name)), name).toBe(true);
      expect(statSync(join(OUT, name)).size).toBeGreaterThan(10_000);
    }
    for (const browser of ['chrome', 'firefox']) {
      const listing = run('unzip', ['-Z1', join(OUT, `dossier-pulse-${version}-${browser}.zip`)]).split('\n');
      expect(listing).toEqual(
        expect.arrayContaining([
          'manifest.json',
          'content-scripts/content.js',
          'options.html',
          'popup.html',
          'sidepanel.html',
          'managed-schema.json',
        ]),
      );
    }
    const sources = run('unzip', ['-Z1', join(OUT, `dossier-pulse-${version}-sources.zip`)]).split('\n');
    expect(sources).toContain('wxt.config.ts');
    expect(sources.filter((f) => /^(tests|docs|data|node_modules)\//.test(f))).toEqual([]);
  });

  test('each manifest speaks its browser: service worker and side panel in Chrome, event page and sidebar in Firefox', () => {
    const chrome = manifest('chrome-mv3');
    const firefox = manifest('firefox-mv3');
    expect(chrome.background).toEqual({ service_worker: 'background.js' });
    expect(firefox.background).toEqual({ scripts: ['background.js'] });
    expect(chrome.side_panel).toEqual({ default_path: 'sidepanel.html' });
    expect(firefox.sidebar_action.default_panel).toBe('sidepanel.html');
    expect(chrome.permissions).toContain('sidePanel');
    expect(firefox.permissions).not.toContain('sidePanel');
    expect(firefox.browser_specific_settings.gecko.id).toBe('dossier-pulse@khanhhoa.gov.vn');
    expect(firefox.browser_specific_settings.gecko.data_collection_permissions.required).toEqual(['websiteActivity']);
    // The same reach in both: demo origins built in, real back-offices granted at run time, the
    // same policy keys.
    for (const m of [chrome, firefox]) {
      expect(m.host_permissions).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
      expect(m.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
      expect(m.storage).toEqual({ managed_schema: 'managed-schema.json' });
    }
  });

  test('web-ext lint passes on the Firefox build: no errors, no warning beyond the known ones', () => {
    let out: string;
    try {
      out = run(join(ROOT, 'node_modules/.bin/web-ext'), [
        'lint',
        '--source-dir',
        join(OUT, 'firefox-mv3'),
        '--output',
        'json',
        '--no-config-discovery',
      ]);
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? ''); // exit 1 on errors; the JSON says which
    }
    const report = JSON.parse(out) as { errors: LintMessage[]; warnings: LintMessage[]; notices: LintMessage[] };
    expect(report.errors.map((m) => `${m.code} ${m.file}: ${m.message}`)).toEqual([]);
    const unknown = report.warnings.filter((w) => !KNOWN_WARNINGS.some((k) => k.code === w.code && k.file.test(w.file ?? '')));
    expect(unknown.map((m) => `${m.code} ${m.file}: ${m.message}`)).toEqual([]);
  });
});
