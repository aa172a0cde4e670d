import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/requirements.ts';
import { CHROMIUM_ARGS, launchWithExtension, signInExtension, type ExtensionBrowser } from '../support/browser.ts';
import { seriousViolations } from '../support/axe.ts';
import { apiGet, apiLogin, createApiHandle, waitFor, type ApiHandle } from '../support/stack.ts';
import { axe, FIRST_DAY, seedDossiers, SO } from './dashboard-support.ts';
import { actionEvent, batch, openEvent } from '../support/events.ts';
import { screenshotPath } from '../support/screenshots.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const OFFSET = 7 * 3600_000;
/** The n-th weekday before today, YYYY-MM-DD in Vietnam. */
function weekday(n: number): string {
  let t = Date.now();
  for (let k = 0; k < n; ) {
    t -= 86_400_000;
    const wd = new Date(t + OFFSET).getUTCDay();
    if (wd !== 0 && wd !== 6) k++;
  }
  return new Date(t + OFFSET).toISOString().slice(0, 10);
}
/** A dossier chuyenvien1 examined far beyond the step's allotment, then passed on: a flag on an ended stretch of theirs. */
const C = `${SO}-${weekday(14).slice(2).replaceAll('-', '')}-0009`;

async function seedIdle(api: ApiHandle) {
  const at = (n: number, hm: string) => `${weekday(n)}T${hm}:00+07:00`;
  const fields = (step: string) => ({ procedureCode: '1.012790.000.00.00.H32', step });
  const send = async (who: string, events: unknown[]) => {
    const res = await fetch(`${api.url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await apiLogin(api.url, who)}`, 'content-type': 'application/json' },
      body: JSON.stringify(batch(events)),
    });
    expect(((await res.json()) as { accepted: number }).accepted).toBe(events.length);
  };
  await send('motcua1', [
    actionEvent('receive', {
      dossierCode: C,
      at: at(14, '08:00'),
      fields: { ...fields('Tiếp nhận hồ sơ'), appointmentAt: at(4, '17:00') },
    }),
    actionEvent('forward', { dossierCode: C, at: at(14, '08:30'), toAccount: 'chuyenvien1', fields: fields('Tiếp nhận hồ sơ') }),
  ]);
  await send('chuyenvien1', [
    openEvent({ dossierCode: C, at: at(14, '09:00'), fields: fields('Thẩm định hồ sơ') }),
    actionEvent('forward', { dossierCode: C, at: at(3, '10:00'), toAccount: 'lanhdao1', fields: fields('Thẩm định hồ sơ') }),
  ]);
}

type Flag = { key: string; dossierCode: string; officialId: string | null; rule: string };
type OfficialRow = { officialId: string; workingHours: number; segments: number; handled: number };

/**
 * The right of reply end to end in real Chromium: a clerk explains a flag from the extension's
 * popup, the unit head accepts it in the dashboard, the clerk's figures drop by the justified
 * stretch, a sheet shows the explanation and is signed, and the clerk's popup lists who looked.
 */
describe.skipIf(!chromiumAvailable())('periodic evaluation in real Chromium', () => {
  let api: ApiHandle;
  let ext: ExtensionBrowser;
  let browser: Browser;
  let page: Page;
  let cv1 = '';
  let flag: Flag;

  beforeAll(async () => {
    if (!existsSync(resolve(ROOT, '.output/dashboard/index.html')))
      throw new Error('The dashboard is not built: run npm run build:dashboard');
    api = await createApiHandle();
    // The department's head is its unit head.
    await api.services.db.updateTable('officials').set({ role: 'leader' }).where('username', '=', 'lanhdao1').execute();
    cv1 = (await api.services.db.selectFrom('officials').select('id').where('username', '=', 'chuyenvien1').executeTakeFirstOrThrow()).id;
    await seedDossiers(api);
    await seedIdle(api);
    const clerk = await apiLogin(api.url, 'chuyenvien1');
    await waitFor(
      () => apiGet<{ flags: Flag[] }>(api.url, clerk, '/v1/flags?status=all&limit=50'),
      (r) => r.flags.some((f) => f.dossierCode === C),
      60_000,
    );
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: false, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'UTC' });
    page = await context.newPage();
  }, 180_000);
  afterAll(async () => {
    await ext?.close().catch(() => undefined);
    await browser?.close();
    await api?.close();
  });

  const figures = async (token: string) =>
    (await apiGet<{ officials: OfficialRow[] }>(api.url, token, `/v1/stats/units/${SO}/officials?from=${FIRST_DAY}`)).officials.find(
      (o) => o.officialId === cv1,
    )!;

  test('a clerk explains a flag from the extension; the unit head accepts it in the dashboard; the figures drop by the stretch', async () => {
    const leader = await apiLogin(api.url, 'lanhdao1');
    const own = await apiGet<{ flags: Flag[] }>(api.url, await apiLogin(api.url, 'chuyenvien1'), '/v1/flags?status=all&limit=50');
    // A flag on a stretch of theirs that has ended, so it is in the figures.
    flag = own.flags.find((f) => f.dossierCode === C)!;
    expect(flag, JSON.stringify(own.flags)).toBeTruthy();
    const before = await figures(leader);

    ext = await launchWithExtension();
    await signInExtension(ext, api.url, 'chuyenvien1');
    const popup = await ext.context.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    const item = popup.getByTestId('explain-flags').locator('li', { hasText: flag.dossierCode }).first();
    await item.getByRole('button', { name: /Giải trình/ }).click();
    await item.getByLabel(/Lý do/).selectOption('other_agency');
    await item.getByLabel(/Nội dung/).fill('Chờ ý kiến Sở Xây dựng về quy hoạch (công văn 123/SXD)');
    await item.getByRole('button', { name: /Gửi/ }).click();
    await popup.getByText('Đã gửi giải trình').waitFor();
    const pending = await api.services.db.selectFrom('explanations').selectAll().where('official_id', '=', cv1).execute();
    expect(pending.map((e) => [e.subject_key, e.status])).toEqual([[flag.key, 'pending']]);

    await page.goto(`${api.url}/dashboard/`);
    await page.getByLabel('Tên đăng nhập').fill('lanhdao1');
    await page.getByLabel('Mật khẩu').fill('demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('link', { name: 'Giải trình' }).click();
    const table = page.getByTestId('explanations-table');
    await table.getByText('Chờ ý kiến Sở Xây dựng').waitFor();
    await table.getByRole('textbox').fill('Có công văn xin ý kiến, đúng quy định');
    await axe(page, 'explanations');
    await page.screenshot({ path: screenshotPath('dashboard-explanations.png'), fullPage: true });
    await table.getByRole('button', { name: 'Chấp nhận', exact: true }).click();
    await table.getByText('Có công văn xin ý kiến, đúng quy định').waitFor();

    const decided = (await apiGet<{ explanations: { status: string; stretchHours: number }[] }>(api.url, leader, '/v1/explanations'))
      .explanations[0]!;
    expect(decided.status).toBe('accepted');
    expect(decided.stretchHours).toBeGreaterThan(0);
    const after = await figures(leader);
    expect(before.workingHours - after.workingHours).toBeCloseTo(decided.stretchHours, 2);
    expect([after.segments, after.handled]).toEqual([before.segments, before.handled]);
  }, 180_000);

  test('the sheet shows the explanation and is signed; the clerk’s popup lists who looked', async () => {
    const year = FIRST_DAY.slice(0, 4);
    await page.getByRole('link', { name: 'Phiếu đánh giá KPI' }).click();
    await page.getByRole('combobox', { name: /^Đối tượng/ }).selectOption('official');
    await page.getByLabel(/Mã cán bộ/).fill(cv1);
    await page.getByLabel(/^Kỳ/).fill(year);
    await page.getByRole('button', { name: 'Lập phiếu', exact: true }).click();
    const sheets = page.getByTestId('sheets-table');
    await sheets.getByText('Đã lập, chờ cán bộ xem').waitFor();
    const [sheet] = (await apiGet<{ sheets: { id: string }[] }>(api.url, await apiLogin(api.url, 'chuyenvien1'), '/v1/sheets')).sheets;
    // The official acknowledges it in the popup, with a comment.
    const mine = await ext.context.newPage();
    await mine.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    const own = mine.getByTestId('my-sheets');
    await own.getByLabel(/Ý kiến/).fill('Tôi đồng ý với phiếu');
    await own.getByRole('button', { name: /Xác nhận đã xem/ }).click();
    await mine.getByText('Đã xác nhận').waitFor();
    await own.getByText('Tôi đã xem').waitFor();
    await page.reload();
    await sheets.getByRole('button', { name: /Ký phiếu/ }).click();
    await sheets.getByText('Lãnh đạo đã ký').waitFor();
    await axe(page, 'sheets');
    await page.screenshot({ path: screenshotPath('dashboard-sheets.png'), fullPage: true });
    const print = await page.context().newPage();
    await print.goto(`${api.url}/v1/sheets/${sheet!.id}/sheet.html`);
    await print.getByText('PHIẾU ĐÁNH GIÁ KẾT QUẢ CÔNG VIỆC').waitFor();
    expect(await print.getByText('Chấp nhận / Accepted').count()).toBeGreaterThan(0);
    expect(await print.getByText('Tôi đồng ý với phiếu').count()).toBe(1);
    await print.screenshot({ path: screenshotPath('evaluation-sheet.png'), fullPage: true });

    // An inspector reads the dossier the clerk held.
    await apiGet(api.url, await apiLogin(api.url, 'thanhtra'), `/v1/dossiers/${flag.dossierCode}`);
    const popup = await ext.context.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
    const list = popup.getByTestId('who-looked');
    await list.waitFor();
    await waitFor(
      async () => list.textContent(),
      (t) => !!t && t.includes('Đặng Văn Hùng') && t.includes('Trịnh Quang Vinh'),
      10_000,
    );
    expect(await seriousViolations(popup)).toEqual([]);
    await list.scrollIntoViewIfNeeded();
    await popup.screenshot({ path: screenshotPath('extension-popup-who-looked.png'), fullPage: true });
  }, 180_000);
});
