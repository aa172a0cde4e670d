/**
 * Issue 21 end to end in real Chromium: an admin imports a simulated back-office's xlsx tracking
 * book in the dashboard, maps its columns, previews and imports it, sees the reconciliation and
 * an official's coverage; an inspector prints a dossier's control slip whose lines equal the
 * back-office's own slip for that dossier.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/requirements.ts';
import { CHROMIUM_ARGS } from '../support/browser.ts';
import { apiGet, apiLogin, createApiHandle, waitFor, type ApiHandle } from '../support/stack.ts';
import { batch } from '../support/events.ts';
import { createWorld } from '../backoffice/world.ts';
import { formatDate, formatDateTime } from '../backoffice/format.ts';
import { nameOf } from '../backoffice/present.ts';
import { bookEntries, controlSlip, trackingBookXlsx } from '../backoffice/tracking-book.ts';
import { axe } from './dashboard-support.ts';
import { screenshotPath } from '../support/screenshots.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SO = '000.00.12.H32';
const NOW = Math.floor(Date.now() / 60_000) * 60_000 - 3600_000;
const FROM_MS = NOW - 9 * 86_400_000;
const UNSEEN = 'lanhdao1';

describe.skipIf(!chromiumAvailable())('reconciling the back-office log in the dashboard, real Chromium', () => {
  let api: ApiHandle;
  let browser: Browser;
  let page: Page;
  let xlsxPath = '';
  const problems: string[] = [];
  const world = createWorld({ seed: 3, now: new Date(NOW) });
  const entries = bookEntries(world.store, { unitIds: [SO], from: FROM_MS, to: NOW + 1 });
  const seen = entries.filter((e) => e.entry.from !== UNSEEN);
  const slipDossier = world.store.dossiers.find(
    (d) =>
      d.unitId === SO &&
      d.history.length >= 3 &&
      d.history.some((h) => h.from === UNSEEN) &&
      d.history.every(
        (h) =>
          Date.parse(h.at) >= FROM_MS &&
          ['receive', 'forward', 'approve', 'transfer', 'finish', 'return_result', 'update_result'].includes(h.action),
      ),
  );

  beforeAll(async () => {
    if (!existsSync(resolve(ROOT, '.output/dashboard/index.html')))
      throw new Error('The dashboard is not built: run npm run build:dashboard');
    api = await createApiHandle();
    // The extension captured everything but one leader's work.
    const byAccount = new Map<string, unknown[]>();
    for (const { dossier, entry } of seen) {
      const e = {
        id: randomUUID(),
        kind: 'action',
        action: entry.action,
        at: new Date(Date.parse(entry.at) + 20_000).toISOString(),
        dossierCode: dossier.code,
        profile: { id: 'mo-phong-spa', version: 1 },
        ...(entry.to ? { toAccount: entry.to } : {}),
        fields: { procedureCode: dossier.procedureCode, ...(entry.stepBefore ? { step: entry.stepBefore } : {}) },
      };
      byAccount.set(entry.from, [...(byAccount.get(entry.from) ?? []), e]);
    }
    for (const [account, events] of byAccount) {
      const res = await fetch(`${api.url}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await apiLogin(api.url, account)}`, 'content-type': 'application/json' },
        body: JSON.stringify(batch(events)),
      });
      expect(((await res.json()) as { rejected: number }).rejected).toBe(0);
    }
    xlsxPath = join(mkdtempSync(join(tmpdir(), 'dp-log-')), 'so-theo-doi-ho-so.xlsx');
    writeFileSync(xlsxPath, await trackingBookXlsx(world.store, { unitIds: [SO], from: FROM_MS, to: NOW + 1 }));
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: false, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'UTC' });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on(
      'response',
      (r) => r.status() >= 400 && !(r.status() === 401 && r.url().includes('/v1/auth/')) && problems.push(`${r.status()} ${r.url()}`),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function signIn(username: string) {
    await page.goto(`${api.url}/dashboard/`);
    const out = page.getByRole('button', { name: 'Đăng xuất' });
    if (await out.isVisible().catch(() => false)) await out.click();
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill('demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('link', { name: 'Đối chiếu sổ theo dõi' }).click();
    await page.getByRole('heading', { level: 1, name: /Đối chiếu với sổ theo dõi/ }).waitFor();
  }

  test('an admin maps, previews and imports the xlsx, then sees the reconciliation and coverage', async () => {
    expect(entries.length).toBeGreaterThan(20);
    await signIn('admin');
    const form = page.getByTestId('import-form');
    await form.getByLabel(/Mã phần mềm một cửa/).fill('mo-phong');
    await form.getByLabel(/Tệp sổ theo dõi/).setInputFiles(xlsxPath);
    await form.getByLabel('Tài khoản cán bộ thực hiện').fill('Cán bộ thực hiện');
    await form.getByRole('button', { name: 'Xem trước' }).click();
    await page.getByTestId('import-preview').waitFor();
    const dropped = await page.getByTestId('dropped-columns').textContent();
    for (const c of ['Người nộp hồ sơ', 'Số CCCD', 'Số điện thoại', 'Địa chỉ']) expect(dropped).toContain(c);
    expect(await page.getByTestId('import-preview').textContent()).toContain(entries[0]!.dossier.code);
    expect(await page.getByTestId('import-preview').textContent()).not.toContain(entries[0]!.dossier.applicant.name);
    await axe(page, 'reconcile-preview');
    await form.getByRole('button', { name: 'Lưu ánh xạ' }).click();
    await page.getByText(/Đã lưu ánh xạ mo-phong, phiên bản 1/).waitFor();
    await form.getByRole('button', { name: 'Nhập', exact: true }).click();
    await page.getByText(new RegExp(`Đã nhập: ${entries.length} dòng mới, 0 dòng đã có, 0 dòng lỗi`)).waitFor();

    const r = page.getByTestId('reconcile-form');
    await r.getByLabel('Mã đơn vị').fill(SO);
    await r.getByLabel(/Từ ngày/).fill(formatDate(new Date(FROM_MS)));
    await r.getByLabel(/Đến ngày/).fill(formatDate(new Date(NOW)));
    await r.getByRole('button', { name: 'Đối chiếu' }).click();
    await expect.poll(() => page.getByTestId('reconcile-counts').textContent()).toContain(`Khớp: ${seen.length.toLocaleString('vi-VN')}`);
    expect(await page.getByTestId('reconcile-counts').textContent()).toContain(
      `Chỉ có trong sổ: ${entries.length - seen.length} · Chỉ có trong ghi nhận: 0`,
    );
    const leader = page.getByTestId('reconcile-coverage').getByRole('row', { name: new RegExp(nameOf(UNSEEN)) });
    await expect.poll(() => leader.textContent()).toContain('0 %');
    const full = page.getByTestId('reconcile-coverage').getByRole('row', { name: new RegExp(nameOf(seen[0]!.entry.from)) });
    expect(await full.textContent()).toContain('100 %');
    await axe(page, 'reconcile');
    await page.screenshot({ path: screenshotPath('dashboard-reconcile.png'), fullPage: true });

    // The same coverage stands beside the officials' figures.
    await page.goto(`${api.url}/dashboard/units/${SO}`);
    const officials = page.getByTestId('officials-table');
    await officials.waitFor();
    const row = officials.getByRole('row', { name: new RegExp(nameOf(seen[0]!.entry.from)) });
    await expect.poll(() => row.textContent()).toContain('100 %');
  });

  test('an inspector prints a control slip whose lines equal the back-office’s own', async () => {
    expect(slipDossier, 'a dossier handled in the period with the leader who does not run the extension').toBeDefined();
    const code = slipDossier!.code;
    const theirs = controlSlip(slipDossier!);
    // The derivation runs in the background: wait until the slip has every line.
    const token = await apiLogin(api.url, 'thanhtra');
    await waitFor(
      () => apiGet<{ lines: unknown[] }>(api.url, token, `/v1/reconcile/slips/${code}`).catch(() => ({ lines: [] })),
      (s) => s.lines.length >= theirs.length,
    );
    await signIn('thanhtra');
    await page.getByTestId('import-form').waitFor({ state: 'detached' });
    const [slip] = await Promise.all([
      page.context().waitForEvent('page'),
      (async () => {
        await page.getByTestId('slip-form').getByLabel('Mã hồ sơ').fill(code);
        await page.getByRole('button', { name: 'Mở phiếu để in' }).click();
      })(),
    ]);
    await slip.waitForLoadState('domcontentloaded');
    await slip.getByRole('heading', { name: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ' }).waitFor();
    const rows = await slip
      .locator('#slip tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const ours = rows.map((c) => [c[1], c[2], c[3]]);
    const expected = theirs.map((l) => [
      l.giver ? nameOf(l.giver) : 'Tổ chức, cá nhân / Applicant',
      l.receiver ? nameOf(l.receiver) : '—',
      formatDateTime(l.at),
    ]);
    expect(ours).toEqual(expected);
    expect(rows.map((c) => c[9]).some((s) => s?.startsWith('Sổ theo dõi'))).toBe(true);
    await slip.screenshot({ path: screenshotPath('dashboard-control-slip.png'), fullPage: true });
    expect(problems).toEqual([]);
  });
});
