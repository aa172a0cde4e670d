import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { CHROMIUM_PATH } from './requirements.ts';
import type { ExtensionBrowserLike } from './driver/extension-browser.ts';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type ExtensionBrowser = ExtensionBrowserLike & {
  name: 'chromium';
  context: BrowserContext;
  extensionId: string;
  worker(): Promise<Worker>;
  newPage(): Promise<Page>;
  openExtensionPage(path: string): Promise<Page>;
};

/**
 * Real Chromium with the real built extension loaded; reuse `userDataDir` to reopen the same
 * profile; `args` adds switches (the deployment test trusts its self-signed certificate so).
 */
export async function launchWithExtension(
  opts: { userDataDir?: string; args?: string[]; extensionDir?: string } = {},
): Promise<ExtensionBrowser> {
  const dir = opts.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(dir, 'manifest.json'))) throw new Error(`The extension is not built (${dir}): run npm run build:ext`);
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'dp-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: false,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`, ...(opts.args ?? [])],
    viewport: { width: 1280, height: 900 },
  });
  const worker = async () => context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const sw = await worker();
  const extensionId = new URL(sw.url()).host;
  const openExtensionPage = async (path: string) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  };
  return {
    name: 'chromium',
    context,
    extensionId,
    userDataDir,
    worker,
    newPage: () => context.newPage(),
    openExtensionPage,
    async sendMessage<T>(message: unknown): Promise<T> {
      const page = await openExtensionPage('options.html');
      try {
        return (await page.evaluate((m) => (globalThis as any).chrome.runtime.sendMessage(m), message)) as T;
      } finally {
        await page.close();
      }
    },
    async stopBackground() {
      // As Chrome does when the worker idles: its pending fetches die with it.
      const current = await worker();
      const closed = new Promise((r) => current.once('close', r));
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await Promise.race([closed, new Promise((r) => setTimeout(r, 5000))]);
      await page.close();
    },
    close: () => context.close(),
  };
}

export async function signInExtension(b: ExtensionBrowserLike, serverUrl: string, username: string, password = 'demo'): Promise<void> {
  const page = await b.openExtensionPage('options.html');
  await page.getByLabel(/Máy chủ/).fill(serverUrl);
  await page.getByLabel(/Tên đăng nhập/).fill(username);
  await page.getByLabel(/Mật khẩu/).fill(password);
  await page.getByRole('button', { name: /Đăng nhập/ }).click();
  await page.getByTestId('signed-in').waitFor({ timeout: 15_000 });
  await page.close();
}

/** What the extension still holds, asked of the background the way the popup does. */
export async function extensionStatus(b: ExtensionBrowserLike): Promise<{ queued: number; lastError: string | null }> {
  return b.sendMessage({ type: 'status' });
}

/** Signs the extension out (it flushes what the official still has queued first). */
export async function signOutExtension(b: ExtensionBrowserLike): Promise<void> {
  const page = await b.openExtensionPage('options.html');
  const out = page.getByRole('button', { name: /Đăng xuất/ });
  const signIn = page.getByRole('button', { name: /Đăng nhập/ });
  // The options page shows one or the other only once the service worker's status reply is in
  // (a loading line before): wait for it rather than look once.
  await out.or(signIn).first().waitFor({ timeout: 60_000 });
  if (await out.isVisible()) {
    await out.click();
    await signIn.waitFor({ timeout: 60_000 });
  }
  await page.close();
}
