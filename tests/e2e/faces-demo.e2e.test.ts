/**
 * `npm start`'s demo world in real Chromium: on a fresh start a clerk's own queue shows badges on
 * the dossiers the API flags against them, the custody strip names the holder the page names, and
 * the strip covers none of the page's header or action-bar controls (checked with elementFromPoint).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../api/config.ts';
import { officialByUsername } from '../../shared/demo/roster.ts';
import { startDemo, type RunningDemo } from '../../scripts/demo-world.ts';
import { chromiumAvailable } from '../support/requirements.ts';
import { apiGet, apiLogin } from '../support/stack.ts';
import { launchWithExtension, signInExtension, type ExtensionBrowser } from '../support/browser.ts';
import { TEST_KEY_FILE } from '../support/integrity.ts';
import { screenshotPath } from '../support/screenshots.ts';
import { openDossier, openQueue, signIn } from '../backoffice/scenario.ts';

/** Every visible control matched by `selector` receives a click at its centre: nothing of ours lies over it. */
async function coveredControls(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll(sel)) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !(hit === el || el.contains(hit)))
        out.push(`${el.textContent?.trim() || (el as HTMLInputElement).value || el.tagName} ← ${hit?.tagName.toLowerCase()}`);
    }
    return out;
  }, selector);
}

describe.skipIf(!chromiumAvailable())('the demo world in the browser', () => {
  let demo: RunningDemo;
  let flagged: Set<string>;
  const account = 'chuyenvien1';

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dp-demo-'));
    const config = loadConfig({
      DEMO: '1',
      LOG_LEVEL: 'silent',
      PORT: '0',
      SQLITE_PATH: join(dir, 'demo.sqlite'),
      CHECKPOINT_KEY_FILE: TEST_KEY_FILE,
    });
    demo = await startDemo({ config, workday: false });
    const token = await apiLogin(demo.api.url, account);
    const { flags } = await apiGet<{ flags: { dossierCode: string }[] }>(demo.api.url, token, '/v1/flags?limit=200');
    flagged = new Set(flags.map((f) => f.dossierCode));
  });
  afterAll(async () => {
    await demo?.close();
  });

  test('badges on the own queue, the strip names the page’s holder and covers no control', async () => {
    const store = demo.backoffice.world.store;
    const queue = store.dossiers.filter((d) => d.handler === account && d.status === 4).map((d) => d.code);
    const expected = queue.filter((c) => flagged.has(c));
    expect(expected.length).toBeGreaterThan(0);
    const b: ExtensionBrowser = await launchWithExtension();
    try {
      await signInExtension(b, demo.api.url, account);
      const page = await b.context.newPage();
      await page.setViewportSize({ width: 1366, height: 768 });
      await signIn(page, demo.backoffice.url, account, 'spa');
      await openQueue(page, 'xu-ly-ho-so/dang-xu-ly', 'spa');
      const badges = page.locator('dossier-pulse-overlay .badge');
      await badges.first().waitFor({ timeout: 30_000 });
      const badged = await badges.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.code!));
      expect(badged.filter((c) => !flagged.has(c))).toEqual([]);
      expect(badged.some((c) => expected.includes(c))).toBe(true);
      await page.screenshot({ path: screenshotPath('demo-list-badges.png') });

      const code = badged.find((c) => expected.includes(c))!;
      const detail = await openDossier(page, code, 'spa');
      const strip = detail.locator('dossier-pulse-overlay .strip');
      await strip.waitFor({ timeout: 20_000 });
      const holder = officialByUsername(store.byCode.get(code)!.handler!)!.displayName;
      await expect.poll(() => strip.textContent(), { timeout: 10_000 }).toContain(`Đang giữ: ${holder}`);
      expect(await detail.locator('body').textContent()).toContain(holder);
      expect(await coveredControls(detail, '.app-header button, .app-header a, .dossier-actions button, .ant-page-header a')).toEqual([]);
      await detail.screenshot({ path: screenshotPath('demo-detail-strip.png') });
    } finally {
      await b.close();
    }
  });

  test('server-rendered variant: badges match the flags, the popup’s strip names the holder and covers no control', async () => {
    const store = demo.backoffice.world.store;
    const b: ExtensionBrowser = await launchWithExtension();
    try {
      await signInExtension(b, demo.api.url, account);
      const page = await b.context.newPage();
      await page.setViewportSize({ width: 1366, height: 768 });
      await signIn(page, demo.backoffice.url, account, 'classic');
      await openQueue(page, 'dangxuly', 'classic');
      const badges = page.locator('dossier-pulse-overlay .badge');
      await badges.first().waitFor({ timeout: 30_000 });
      const badged = await badges.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.code!));
      expect(badged.filter((c) => !flagged.has(c))).toEqual([]);
      expect(await coveredControls(page, '#banner a, #menutrai a')).toEqual([]);
      const code = badged.find((c) => store.byCode.get(c)?.handler === account && store.byCode.get(c)?.status === 4)!;
      expect(code).toBeTruthy();
      const popup = await openDossier(page, code, 'classic');
      const strip = popup.locator('dossier-pulse-overlay .strip');
      await strip.waitFor({ timeout: 20_000 });
      const holder = officialByUsername(account)!.displayName;
      await expect.poll(() => strip.textContent(), { timeout: 10_000 }).toContain(`Đang giữ: ${holder}`);
      expect(await coveredControls(popup, '#thanhcongcu input, #thanhcongcu button, a[href]')).toEqual([]);
      await popup.screenshot({ path: screenshotPath('demo-classic-strip.png') });
    } finally {
      await b.close();
    }
  });

  test('inspector: the flag list’s severity chips are Vietnamese words, not codes', async () => {
    const b: ExtensionBrowser = await launchWithExtension();
    try {
      await signInExtension(b, demo.api.url, 'thanhtra');
      const panel = await b.context.newPage();
      await panel.setViewportSize({ width: 420, height: 900 });
      await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html`);
      await panel.getByTestId('flag-table').waitFor({ timeout: 30_000 });
      const chips = (await panel.locator('.sev').allTextContents()).map((t) => t.trim());
      expect(chips.length).toBeGreaterThan(0);
      expect(chips.filter((t) => !['Nghiêm trọng', 'Cảnh báo', 'Thông tin'].includes(t))).toEqual([]);
      const text = (await panel.locator('body').textContent()) ?? '';
      expect(text).not.toMatch(/\b(critical|warning|info)\b/);
    } finally {
      await b.close();
    }
  });

  test('inspector signed out: the panel shows one state, not also "nothing flagged"', async () => {
    const b: ExtensionBrowser = await launchWithExtension();
    try {
      const panel = await b.context.newPage();
      await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html`);
      await panel.locator('.error, [data-testid=flag-table]').first().waitFor({ timeout: 30_000 });
      const text = (await panel.locator('body').textContent()) ?? '';
      expect(text).not.toContain('Không có hồ sơ bị cảnh báo');
      expect(await panel.locator('.error').count()).toBeGreaterThan(0);
    } finally {
      await b.close();
    }
  });
});
