import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from '../support/requirements.ts';
import { apiGet, apiLogin, createApiHandle, createBackofficeHandle, waitFor, type ApiHandle } from '../support/stack.ts';
import { launchWithExtension, signInExtension, type ExtensionBrowser } from '../support/browser.ts';
import { seriousViolations } from '../support/axe.ts';
import { screenshotPath } from '../support/screenshots.ts';
import { actionEvent, batch, openEvent } from '../support/events.ts';
import { act, openDossier, openQueue, signIn } from '../backoffice/scenario.ts';
import { queueOf, resetBackoffice, work } from './harness.ts';

const OFFSET = 7 * 3600_000;

/** The n-th weekday before today at hh:mm Vietnam time. */
function weekdayAt(n: number, hm: string): string {
  let t = Date.now();
  for (let k = 0; k < n; ) {
    t -= 86_400_000;
    const wd = new Date(t + OFFSET).getUTCDay();
    if (wd !== 0 && wd !== 6) k++;
  }
  return `${new Date(t + OFFSET).toISOString().slice(0, 10)}T${hm}:00+07:00`;
}

async function post(api: ApiHandle, username: string, events: unknown[]) {
  const token = await apiLogin(api.url, username);
  const res = await fetch(`${api.url}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(batch(events)),
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { rejected: number }).rejected).toBe(0);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: screenshotPath(`extension-${name}.png`) });
}

describe.skipIf(!chromiumAvailable())('the extension’s faces: overlay, clerk popup, inspector panel', () => {
  let api: ApiHandle;
  let bo: Awaited<ReturnType<typeof createBackofficeHandle>>;
  let stalled: string[];
  let fresh: string;

  beforeAll(async () => {
    api = await createApiHandle();
    bo = await createBackofficeHandle({ seed: 7 });
    await resetBackoffice(bo.url, 7);
    const queue = (await queueOf(bo.url, 'chuyenvien1')).map((d) => d.code);
    stalled = queue.slice(0, 2);
    fresh = queue[2]!;
    // Two dossiers handed to chuyenvien1 four working days ago and left untouched since.
    for (const code of stalled) {
      await post(api, 'motcua1', [
        actionEvent('receive', { dossierCode: code, at: weekdayAt(4, '08:00') }),
        actionEvent('forward', { dossierCode: code, at: weekdayAt(4, '08:30'), toAccount: 'chuyenvien1' }),
      ]);
      await post(api, 'chuyenvien1', [openEvent({ dossierCode: code, at: weekdayAt(4, '09:00') })]);
    }
    const inspector = await apiLogin(api.url, 'thanhtra');
    await waitFor(
      () => apiGet<{ flags: { dossierCode: string }[] }>(api.url, inspector, '/v1/flags?limit=200'),
      (r) => stalled.every((c) => r.flags.some((f) => f.dossierCode === c)),
      60_000,
    );
  });
  afterAll(async () => {
    await bo?.close();
    await api?.close();
  });

  test('clerk: stalled rows get badges without moving the page; own figures change after handling a dossier', async () => {
    const b: ExtensionBrowser = await launchWithExtension();
    try {
      await signInExtension(b, api.url, 'chuyenvien1');
      const popup = await b.context.newPage();
      await popup.goto(`chrome-extension://${b.extensionId}/popup.html`);
      const handled = async () => Number(await popup.getByTestId('my-figures').locator('dd').first().textContent());
      await popup.getByTestId('my-figures').waitFor();
      const before = await handled();
      expect(await seriousViolations(popup)).toEqual([]);
      await shot(popup, 'popup');

      const page = await b.context.newPage();
      await signIn(page, bo.url, 'chuyenvien1', 'spa');
      await openQueue(page, 'xu-ly-ho-so/dang-xu-ly', 'spa');
      const badges = page.locator('dossier-pulse-overlay .badge');
      await waitFor(
        async () => badges.count(),
        (n) => n >= stalled.length,
        30_000,
      );
      expect(await badges.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.code).sort())).toEqual([...stalled].sort());
      await shot(page, 'list-badges');
      // The page's own boxes with the overlay in place equal those without it.
      const boxes = () =>
        page
          .locator('tr.ant-table-row, .ant-table, .app-header')
          .evaluateAll((els) => els.map((e) => JSON.stringify(e.getBoundingClientRect())));
      const withOverlay = await boxes();
      await page.evaluate(() => document.querySelector('dossier-pulse-overlay')?.remove());
      expect(await boxes()).toEqual(withOverlay);

      const detail = await openDossier(page, fresh, 'spa');
      await work(detail, 1500);
      await act(detail, 'forward', { toAccount: 'lanhdao1' }, 'spa');
      await waitFor(
        async () => {
          await popup.reload();
          await popup.getByTestId('my-figures').waitFor();
          return handled();
        },
        (n) => n === before + 1,
        60_000,
        1500,
      );
      const strip = await openDossier(page, stalled[0]!, 'spa');
      await strip.locator('dossier-pulse-overlay .strip').waitFor({ timeout: 20_000 });
      await shot(strip, 'detail-strip');
    } finally {
      await b.close();
    }
  });

  test('inspector: finds a stalled dossier, opens its timeline, runs a surprise inspection, downloads the report', async () => {
    const b = await launchWithExtension();
    try {
      await signInExtension(b, api.url, 'thanhtra');
      const options = await b.context.newPage();
      await options.goto(`chrome-extension://${b.extensionId}/options.html`);
      expect(await seriousViolations(options)).toEqual([]);
      await shot(options, 'options');

      const panel = await b.context.newPage();
      await panel.setViewportSize({ width: 420, height: 900 });
      await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html`);
      const table = panel.getByTestId('flag-table');
      await table.waitFor({ timeout: 30_000 });
      expect(await seriousViolations(panel)).toEqual([]);
      await shot(panel, 'panel-flags');
      await panel.getByRole('button', { name: stalled[0]! }).first().click();
      await panel.getByTestId('dossier-flags').waitFor();
      expect(await panel.locator('.timeline .lane').count()).toBeGreaterThanOrEqual(1);
      expect(await seriousViolations(panel)).toEqual([]);
      await shot(panel, 'panel-dossier');

      await panel.getByRole('button', { name: /Quay lại/ }).click();
      await panel.getByRole('tab', { name: /Kiểm tra đột xuất/ }).click();
      await panel.getByLabel(/Đơn vị/).selectOption('000.00.12.H32');
      await panel.getByLabel(/Số hồ sơ chọn mẫu/).fill('2');
      await panel.getByRole('button', { name: /Chọn mẫu ngẫu nhiên/ }).click();
      const sample = panel.getByTestId('sample');
      await sample.waitFor();
      const sampled = await sample.locator('> li').count();
      expect(sampled).toBeGreaterThanOrEqual(1);
      for (let i = 0; i < sampled; i++) {
        const form = sample.locator('> li').nth(i).locator('form');
        await form.getByLabel(/Ghi chú/).fill('Chậm do chờ ý kiến phối hợp / waiting for another agency');
        await form.getByRole('button', { name: /Ghi kết luận|Cập nhật/ }).click();
        await form.getByRole('button', { name: /Cập nhật/ }).waitFor();
      }
      expect(await seriousViolations(panel)).toEqual([]);
      await shot(panel, 'panel-inspection');
      await panel.getByRole('button', { name: /Kết thúc kiểm tra/ }).click();
      const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: /Tải biên bản/ }).click()]);
      const path = await download.path();
      const html = (await import('node:fs')).readFileSync(path!, 'utf8');
      expect(html).toMatch(/<html/i);
      expect(html).toMatch(/Kiểm tra|kiểm tra/);
      const codes = await sample.locator('> li button.link').allTextContents();
      for (const c of codes) expect(html).toContain(c.trim());
    } finally {
      await b.close();
    }
  });
});
