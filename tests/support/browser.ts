import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { CHROMIUM_PATH } from './requirements.ts';

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

export type ExtensionBrowser = { context: BrowserContext; extensionId: string; userDataDir: string; worker(): Promise<Worker>; close(): Promise<void> };

/** Real Chromium with the real built extension loaded; reuse `userDataDir` to reopen the same profile. */
export async function launchWithExtension(opts: { userDataDir?: string } = {}): Promise<ExtensionBrowser> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`The extension is not built (${EXTENSION_DIR}): run npm run build:ext`);
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'dp-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: false,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`],
    viewport: { width: 1280, height: 900 },
  });
  const worker = async () => context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const sw = await worker();
  const extensionId = new URL(sw.url()).host;
  return { context, extensionId, userDataDir, worker, close: () => context.close() };
}

export async function signInExtension(b: ExtensionBrowser, serverUrl: string, username: string, password = 'demo'): Promise<void> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/options.html`);
  await page.getByLabel(/Máy chủ/).fill(serverUrl);
  await page.getByLabel(/Tên đăng nhập/).fill(username);
  await page.getByLabel(/Mật khẩu/).fill(password);
  await page.getByRole('button', { name: /Đăng nhập/ }).click();
  await page.getByTestId('signed-in').waitFor({ timeout: 15_000 });
  await page.close();
}

/** What the extension still holds, asked of the background the way the popup does. */
export async function extensionStatus(b: ExtensionBrowser): Promise<{ queued: number; lastError: string | null }> {
  const page: Page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/options.html`);
  const status = await page.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'status' }));
  await page.close();
  return status;
}

/** Signs the extension out (it flushes what the official still has queued first). */
export async function signOutExtension(b: ExtensionBrowser): Promise<void> {
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/options.html`);
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
