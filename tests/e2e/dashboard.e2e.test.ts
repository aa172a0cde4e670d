import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/requirements.ts';
import { CHROMIUM_ARGS } from '../support/browser.ts';
import { createApiHandle, type ApiHandle } from '../support/stack.ts';
import { screenshotPath } from '../support/screenshots.ts';
import { axe, D, download, FIRST_DAY, seedDossiers, SO } from './dashboard-support.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const ddmmyyyy = (day: string) => day.split('-').reverse().join('/');

/** Every screen: axe, then its picture (under test-results/screenshots; `npm run screenshots` publishes). */
async function check(page: Page, name: string) {
  await axe(page, name);
  await page.screenshot({ path: screenshotPath(`dashboard-${name}.png`), fullPage: true });
}

describe.skipIf(!chromiumAvailable())('dashboard in real Chromium', () => {
  let api: ApiHandle;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(resolve(ROOT, '.output/dashboard/index.html')))
      throw new Error('The dashboard is not built: run npm run build:dashboard');
    api = await createApiHandle();
    await seedDossiers(api);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: false, args: CHROMIUM_ARGS });
    // The browser's own zone is UTC: the page must still show Vietnamese time.
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1280, height: 900 },
      locale: 'vi-VN',
      timezoneId: 'UTC',
    });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    // Signed-out checks of the session answer 401 by design; anything else failing is a defect.
    page.on(
      'response',
      (r) => r.status() >= 400 && !(r.status() === 401 && r.url().includes('/v1/auth/')) && problems.push(`${r.status()} ${r.url()}`),
    );
    page.on(
      'console',
      (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(`console: ${m.text()}`),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  test('sign-in, then drill from a unit to a dossier timeline, with CSV, XES and OCEL downloads', async () => {
    await page.goto(api.url);
    expect(new URL(page.url()).pathname).toBe('/dashboard/');
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').waitFor();
    await check(page, 'sign-in');
    await page.getByLabel('Mật khẩu').fill('demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();

    // A custom period over the seeded weeks, typed as dd/mm/yyyy.
    await page.getByRole('heading', { level: 1, name: /Thống kê xử lý hồ sơ/ }).waitFor();
    await page.getByLabel('Tùy chọn').check();
    await page.getByLabel(/Từ ngày/).fill(ddmmyyyy(FIRST_DAY));
    await page.getByRole('button', { name: 'Áp dụng' }).click();
    await expect.poll(() => page.getByTestId('period-summary').textContent()).toContain(ddmmyyyy(FIRST_DAY));
    const units = page.getByTestId('units-table');
    await units.getByRole('link', { name: /Sở Tài nguyên và Môi trường/ }).waitFor();
    await page.getByTestId('chart-trend').waitFor();
    await check(page, 'units');

    const csv = await download(page, () => units.getByRole('button', { name: /Tải CSV/ }).click());
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toContain('Đơn vị');
    expect(lines.some((l) => l.includes(SO))).toBe(true);
    expect(lines.every((l) => l.split(',').length >= lines[0]!.split(',').length)).toBe(true);
    const serverCsv = await download(page, () => page.getByRole('link', { name: /Số liệu theo đơn vị \(CSV/ }).click());
    expect(serverCsv.text.split('\n').filter((l) => l.includes(SO)).length).toBe(1);

    const xes = await download(page, () => page.getByTestId('export-xes').click());
    expect([xes.name.endsWith('.xes'), XMLValidator.validate(xes.text)]).toEqual([true, true]);
    const log = new XMLParser({ ignoreAttributes: false }).parse(xes.text).log;
    expect([log.trace].flat().length).toBeGreaterThanOrEqual(4);
    const ocel = await download(page, () => page.getByTestId('export-ocel').click());
    const doc = JSON.parse(ocel.text) as Record<string, unknown[]>;
    for (const key of ['objectTypes', 'eventTypes', 'objects', 'events']) expect(Array.isArray(doc[key]), key).toBe(true);
    expect(doc.events!.length).toBeGreaterThan(10);
    expect(doc.objects!.some((o: any) => o.id === `dossier:${D}`)).toBe(true);

    await units.getByRole('link', { name: /Sở Tài nguyên và Môi trường/ }).click();
    const officials = page.getByTestId('officials-table');
    await officials.getByRole('link', { name: 'Lê Minh Tuấn' }).waitFor();
    await check(page, 'unit-officials');
    const officialsCsv = await download(page, () => officials.getByRole('button', { name: /Tải CSV/ }).click());
    expect(officialsCsv.text).toContain('Lê Minh Tuấn');

    await officials.getByRole('link', { name: 'Lê Minh Tuấn' }).click();
    const dossiers = page.getByTestId('dossiers-table');
    await dossiers.getByRole('link', { name: D }).waitFor();
    await check(page, 'official-dossiers');

    await dossiers.getByRole('link', { name: D }).click();
    await page.getByRole('heading', { level: 1, name: `Hồ sơ ${D}` }).waitFor();
    await page.getByTestId('custody-chart').waitFor();
    const custody = page.getByTestId('custody-table');
    await expect.poll(() => custody.locator('tbody tr').count()).toBeGreaterThanOrEqual(5);
    // Times are Vietnamese whatever the browser's zone: D was received at 08:00 local time.
    expect(await custody.locator('tbody tr').first().textContent()).toMatch(/\d{2}\/\d{2}\/\d{4} 08:00/);
    await page.getByRole('table', { name: /Tạm dừng/ }).waitFor();
    const flag = page.getByTestId('flag').first();
    expect(
      await flag
        .getByRole('table', { name: /Bằng chứng/ })
        .locator('tbody tr')
        .count(),
    ).toBeGreaterThan(0);
    await check(page, 'dossier-timeline');
    const timelineCsv = await download(page, () => custody.getByRole('button', { name: /Tải CSV/ }).click());
    expect(timelineCsv.text.trim().split(/\r\n/).length).toBeGreaterThanOrEqual(6);
  });

  test('management screens: unit tree, officials, procedures, calendars, site profiles and health, stall rules', async () => {
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await nav.getByRole('link', { name: 'Đơn vị', exact: true }).click();
    await page.getByText('UBND xã Diên Khánh', { exact: true }).waitFor();
    const addUnit = page.getByRole('form', { name: 'Thêm đơn vị' });
    await addUnit.getByLabel(/Mã đơn vị/).fill('000.31.09.H32');
    await addUnit.getByLabel('Tên đơn vị').fill('UBND xã Suối Tân');
    await addUnit.getByRole('button', { name: 'Thêm' }).click();
    await page.locator('.tree').getByText('UBND xã Suối Tân').waitFor();
    await check(page, 'admin-units');
    await nav.getByRole('link', { name: 'Cán bộ', exact: true }).click();
    await page
      .getByTestId('admin-officials')
      .getByRole('row', { name: /Lê Minh Tuấn/ })
      .waitFor();
    await check(page, 'admin-officials');
    await nav.getByRole('link', { name: 'Thủ tục' }).click();
    await page
      .locator('section', { has: page.getByRole('heading', { name: /^Đăng ký biến động/ }) })
      .getByText('Các bước (5)')
      .click();
    await page.getByRole('table', { name: /Các bước của thủ tục 1\.012790/ }).waitFor();
    await check(page, 'admin-procedures');
    await nav.getByRole('link', { name: 'Lịch làm việc' }).click();
    const holidays = page.getByTestId('holiday-table');
    await holidays
      .getByText(/Quốc khánh/)
      .first()
      .waitFor();
    await page.locator('select[name=year]').selectOption('2026');
    await holidays.getByText('14/02/2026').waitFor();
    const form = page.getByTestId('calendar-version-form');
    await form.getByRole('button', { name: 'Thêm' }).click();
    await form.getByText(/Đã thêm phiên bản/).waitFor();
    await check(page, 'admin-calendars');
    await nav.getByRole('link', { name: 'Hồ sơ trang' }).click();
    const editor = page.getByTestId('profile-editor');
    const profileJson = editor.getByLabel('Hồ sơ trang (JSON)');
    await profileJson.fill(
      JSON.stringify({
        id: 'motcua-tinh',
        version: 1,
        name: 'Một cửa tỉnh',
        matches: ['https://motcua.khanhhoa.gov.vn/*'],
        pages: [{ kind: 'list', path: '/ds' }],
      }),
    );
    await editor.getByRole('button', { name: 'Thêm' }).click();
    await editor.getByText('Đã lưu motcua-tinh phiên bản 1.').waitFor();
    // The editor then offers the next version of the latest profile.
    await expect.poll(() => profileJson.inputValue()).toContain('"version": 2');
    await editor.getByRole('button', { name: 'Thêm' }).click();
    await editor.getByText('Đã lưu motcua-tinh phiên bản 2.').waitFor();
    await page.getByRole('button', { name: 'Xem phiên bản của motcua-tinh' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Các phiên bản của motcua-tinh' }).locator('tbody tr').count()).toBe(2);
    await profileJson.fill('{"id": "x", "version": 0, "matches": []}');
    await editor.getByRole('button', { name: 'Kiểm tra' }).click();
    await editor.getByRole('alert').getByText('version').first().waitFor();
    await page.getByTestId('health-table').getByText('dossierCode').waitFor();
    await check(page, 'admin-profiles');
    await nav.getByRole('link', { name: 'Quy tắc cảnh báo' }).click();
    const rules = page.getByTestId('rules-editor');
    await rules.getByLabel(/Cài đặt \(JSON/).fill('{"idle_at_holder": {"idleHours": -1}}');
    await rules.getByRole('button', { name: 'Lưu' }).click();
    await rules.getByRole('alert').getByText('idle_at_holder.idleHours').waitFor();
    await rules.getByLabel(/Cài đặt \(JSON/).fill('{"idle_at_holder": {"idleHours": 12}}');
    await rules.getByRole('button', { name: 'Lưu' }).click();
    await rules.getByText('Đã lưu.').waitFor();
    await check(page, 'admin-rules');
  });

  test('English is a switch remembered across visits; sign-out ends the session', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stall-rule settings' }).waitFor();
    await page.goto(`${api.url}/dashboard/`);
    await page.getByRole('heading', { level: 1, name: 'Dossier handling by unit' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByTestId('units-table').waitFor();
    await check(page, 'units-en');
    // Keyboard: the first Tab reaches the skip link, drawn with a visible focus outline.
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({
      text: document.activeElement?.textContent,
      outline: getComputedStyle(document.activeElement!).outlineStyle,
    }));
    expect(focused).toEqual({ text: 'Skip to main content', outline: 'solid' });
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    expect(await page.evaluate(async () => (await fetch('/v1/auth/me')).status)).toBe(401);
    expect(problems).toEqual([]);
  });
});
