/**
 * Writes screenshots of both variants under test-results/screenshots/ (run: node tests/backoffice/screenshots.ts);
 * `npm run screenshots` publishes them to docs/screenshots/.
 * Starts its own back-office with a fixed seed and instant so the pictures are reproducible.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from './browser-support.ts';
import { openDossier, openQueue, signIn } from './scenario.ts';
import { startBackoffice } from './server.ts';
import { screenshotDir } from '../support/screenshots.ts';

/** A Thursday morning in working hours, so queues look like a normal day. */
const DEMO_NOW = new Date('2025-11-20T09:30:00+07:00');

export async function writeScreenshots(outDir = screenshotDir()): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const bo = await startBackoffice({ port: 0, seed: 1, now: DEMO_NOW, latencyMs: 0 });
  const browser = await launchChromium();
  const written: string[] = [];
  const shot = async (page: Page, name: string, fullPage = false) => {
    const file = join(outDir, name);
    await page.screenshot({ path: file, fullPage });
    written.push(file);
  };
  try {
    const dossier = bo.world.store.dossiers.find((d) => d.handler === 'chuyenvien1' && d.status === 4)!;
    const spa = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signIn(spa, bo.url, 'chuyenvien1', 'spa');
    await openQueue(spa, 'xu-ly-ho-so/dang-xu-ly', 'spa');
    await shot(spa, 'backoffice-spa-list.png');
    await openDossier(spa, dossier.code, 'spa');
    await shot(spa, 'backoffice-spa-detail.png');

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const classic = await context.newPage();
    await signIn(classic, bo.url, 'chuyenvien1', 'classic');
    await openQueue(classic, 'dangxuly', 'classic');
    await shot(classic, 'backoffice-classic-list.png');
    const popup = await openDossier(classic, dossier.code, 'classic');
    await popup.setViewportSize({ width: 1100, height: 820 });
    await popup.click('#thanhcongcu input.btnXuLy[value="Chuyển bước xử lý"]');
    await popup.frameLocator('#ifrXuLy').locator('form#frmXuLy').waitFor();
    // The whole popup: the detail, its transfer history and the framed action form.
    await shot(popup, 'backoffice-classic-detail.png', true);
  } finally {
    await browser.close();
    await bo.close();
  }
  return written;
}

if (import.meta.main) {
  const files = await writeScreenshots();
  for (const f of files) console.log(`wrote ${f}`);
}
