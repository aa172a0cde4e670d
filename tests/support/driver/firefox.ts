import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_PATH } from '../requirements.ts';
import type { ExtensionBrowserLike, LaunchOptions } from './extension-browser.ts';
import { FirefoxPage, type PageRegistry } from './firefox-page.ts';

export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '../../../.output/firefox-mv3');
const ADDON_ID = 'dossier-pulse@khanhhoa.gov.vn';
/** Fixed, so the extension's pages have a known address and its storage survives a relaunch. */
const EXTENSION_UUID = '6f0c8a4e-1d2b-4c3a-9e5f-7a8b9c0d1e2f';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;
/** How long Firefox lets an idle event page live; short, so a test can watch it being stopped. */
export const FIREFOX_BACKGROUND_IDLE_MS = 5_000;

const PREFS = {
  'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: EXTENSION_UUID }),
  // A temporary add-on is uninstalled when Firefox closes; these keep its storage and address
  // for the next launch (as web-ext does), so a relaunch finds the outbox as it was left.
  'extensions.webextensions.keepStorageOnUninstall': true,
  'extensions.webextensions.keepUuidOnUninstall': true,
  'extensions.background.idle.timeout': FIREFOX_BACKGROUND_IDLE_MS,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'app.update.disabledForTesting': true,
};

/**
 * Debian's Firefox ESR driven through WebDriver BiDi (puppeteer-core) with the built Firefox
 * extension installed as a temporary add-on. `--remote-allow-system-access` lets the driver open
 * the extension's own moz-extension:// pages, which BiDi refuses to navigate to otherwise.
 */
export async function launchFirefoxWithExtension(
  opts: LaunchOptions & { home?: string } = {},
): Promise<ExtensionBrowserLike & { raw: Browser }> {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json')))
    throw new Error(`The Firefox extension is not built (${FIREFOX_EXTENSION_DIR}): run npm run build:ext:firefox`);
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'dp-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    userDataDir,
    args: ['--remote-allow-system-access', '--width=1280', '--height=900'],
    extraPrefsFirefox: PREFS,
    defaultViewport: { width: 1280, height: 900 },
    // Another home reads another ~/.mozilla/managed-storage/ (what a policy presets).
    ...(opts.home ? { env: { ...process.env, HOME: opts.home } } : {}),
  });
  await browser.installExtension(FIREFOX_EXTENSION_DIR);

  const wrapped = new Map<Page, FirefoxPage>();
  const registry: PageRegistry = {
    wrap(page) {
      let w = wrapped.get(page);
      if (!w) wrapped.set(page, (w = new FirefoxPage(page, registry)));
      return w;
    },
    pages: () => [...wrapped.entries()].filter(([p]) => !p.isClosed()).map(([, w]) => w),
  };
  browser.on('targetcreated', (t) => void t.page().then((p) => p && registry.wrap(p)));

  async function openExtensionPage(path: string): Promise<FirefoxPage> {
    const page = registry.wrap(await browser.newPage());
    // The extension's page loads in the extension process; BiDi never reports its load event to
    // the tab it left, so the navigation is not awaited and readiness is polled instead.
    void page.raw.goto(`${FIREFOX_EXTENSION_ORIGIN}/${path}`, { timeout: 0 }).catch(() => undefined);
    const until = Date.now() + 30_000;
    while ((await page.raw.evaluate(() => `${location.protocol}|${document.readyState}`).catch(() => '')) !== 'moz-extension:|complete') {
      if (Date.now() > until) throw new Error(`the extension page ${path} did not load`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return page;
  }

  return {
    name: 'firefox',
    userDataDir,
    raw: browser,
    newPage: async () => registry.wrap(await browser.newPage()),
    openExtensionPage,
    async sendMessage<T>(message: unknown): Promise<T> {
      const page = await openExtensionPage('options.html');
      try {
        return (await page.raw.evaluate((m) => (globalThis as any).browser.runtime.sendMessage(m), message as never)) as T;
      } finally {
        await page.close();
      }
    },
    async stopBackground() {
      // Firefox ends an idle event page after `extensions.background.idle.timeout`; with no
      // extension page open nothing keeps it alive, so waiting past that stops it.
      for (const p of registry.pages()) if (p.url().startsWith('moz-extension:')) await p.close();
      await new Promise((r) => setTimeout(r, FIREFOX_BACKGROUND_IDLE_MS * 2));
    },
    close: () => browser.close(),
  };
}
