import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteProfileSchema } from '../../shared/schemas/profile.ts';
import spaProfile from '../../extension/profiles/bundled/backoffice-spa.ts';
import {
  browserSkipReason,
  launchChromium,
  matchingSubmitRules,
  pageRule,
  readDetail,
  readListCodes,
  readRule,
} from './browser-support.ts';
import type { Dossier, TruthAction } from './model.ts';
import { act, openDossier, openQueue, signIn, signOut } from './scenario.ts';
import { startBackoffice, type RunningBackoffice } from './server.ts';

const skip = browserSkipReason();
if (skip) console.warn(`[backoffice] skipping the single-page smoke test: ${skip}`);

const profile = siteProfileSchema.parse(spaProfile);
const NOW = '2025-11-20T09:30:00+07:00';

describe.skipIf(!!skip)('single-page variant in real Chromium', { timeout: 90_000 }, () => {
  let bo: RunningBackoffice;
  let browser: Browser;
  let page: Page;
  const truth = async () => ((await (await fetch(`${bo.url}/__test/truth`)).json()) as { actions: TruthAction[] }).actions;

  beforeAll(async () => {
    bo = await startBackoffice({ port: 0, seed: 21, now: new Date(NOW) });
    browser = await launchChromium();
    page = await browser.newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await bo?.close();
  });

  it('signs in, lists my queue after a late fetch, and the profile reads rows and the account', async () => {
    await signIn(page, bo.url, 'chuyenvien1', 'spa');
    expect(await readRule(page, profile.user!)).toBe('chuyenvien1');
    await openQueue(page, 'xu-ly-ho-so/dang-xu-ly', 'spa');
    const list = pageRule(profile, page.url())!;
    expect(list.kind).toBe('list');
    const codes = await readListCodes(page, list);
    const held = bo.world.store.dossiers.filter((d) => d.handler === 'chuyenvien1' && d.status === 4).map((d) => d.code);
    expect([...codes].sort()).toEqual([...held].sort());
    const dates = await readRule(page, list.fields.appointmentAt!, list.rows!.selectors[0]);
    expect(dates).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  });

  it('re-renders the table body in place on paging and sorting', async () => {
    await openQueue(page, 'tra-cuu', 'spa');
    const table = await page.$('.dossier-table');
    const first = await page.locator('.dossier-table a.dossier-code').first().textContent();
    await page.click('.ant-pagination-item-2');
    await page.locator('.ant-pagination-item-2.ant-pagination-item-active').waitFor();
    await page.locator('.dossier-list[data-state="loaded"]').waitFor();
    expect(await page.locator('.dossier-table a.dossier-code').first().textContent()).not.toBe(first);
    await page.click('th[data-sort="code"]');
    await page.locator('th.ant-table-column-sort[data-sort="code"]').waitFor();
    await page.locator('.dossier-list[data-state="loaded"]').waitFor();
    const codes = await page.locator('.dossier-table a.dossier-code').allTextContents();
    expect(codes).toEqual([...codes].sort());
    expect(await table!.evaluate((el) => el.isConnected)).toBe(true);
    expect(page.url()).toMatch(/\/dvc\/tra-cuu$/);
  });

  it('opens a dossier by its code; the detail URL carries the internal id and the profile reads the page', async () => {
    const d = bo.world.store.dossiers.find((x) => x.handler === 'chuyenvien1' && x.status === 4) as Dossier;
    await openDossier(page, d.code, 'spa');
    expect(page.url()).toMatch(new RegExp(`/dvc/ho-so/${d.id}$`));
    const reading = await readDetail(page, pageRule(profile, page.url())!);
    expect(reading).toMatchObject({ code: d.code, procedureCode: d.procedureCode, status: 'Đang xử lý', step: 'Thẩm định hồ sơ' });
    expect(reading.appointmentAt).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  });

  it('records nothing for a cancelled dialog, and one spa action with its receiver on confirm', async () => {
    const code = await readRule(page, profile.pages[0]!.code!);
    await page.click('.dossier-actions button[data-action="forward"]');
    expect(await matchingSubmitRules(page, profile, '.ant-modal form')).toEqual(['forward']);
    await page.click('.ant-modal .btn-cancel');
    expect(await truth()).toEqual([]);

    await act(page, 'forward', { toAccount: 'lanhdao1', note: 'Đủ điều kiện' }, 'spa');
    expect(await truth()).toEqual([
      expect.objectContaining({
        seq: 1,
        account: 'chuyenvien1',
        action: 'forward',
        dossierCode: code,
        stepBefore: 'Thẩm định hồ sơ',
        stepAfter: 'Lãnh đạo phòng xem xét, trình ký',
        toAccount: 'lanhdao1',
        variant: 'spa',
      }),
    ]);
    // The detail re-renders in place: the sender may now only recall.
    await expect.poll(() => page.locator('.dossier-actions button').allTextContents()).toEqual(['Thu hồi']);
    await act(page, 'recall', {}, 'spa');
    expect((await truth()).map((t) => t.action)).toEqual(['forward', 'recall']);
  });

  it('renames the code hook in the altered markup, so the profile misses it', async () => {
    await fetch(`${bo.url}/__test/markup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variant: 'spa', broken: true }),
    });
    await page.reload();
    await page.locator('.dossier-detail').waitFor();
    expect(await readRule(page, profile.pages[0]!.code!)).toBeNull();
    await signOut(page, 'spa');
    expect(await page.locator('.user-info__account').count()).toBe(0);
  });
});
