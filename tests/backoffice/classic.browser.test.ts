import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteProfileSchema } from '../../shared/schemas/profile.ts';
import classicProfile from '../../extension/profiles/bundled/backoffice-classic.ts';
import {
  browserSkipReason,
  launchChromium,
  matchingSubmitRules,
  pageRule,
  readDetail,
  readListCodes,
  readRule,
} from './browser-support.ts';
import type { TruthAction } from './model.ts';
import { act, openDossier, openQueue, signIn } from './scenario.ts';
import { startBackoffice, type RunningBackoffice } from './server.ts';

const skip = browserSkipReason();
if (skip) console.warn(`[backoffice] skipping the classic smoke test: ${skip}`);

const profile = siteProfileSchema.parse(classicProfile);
const NOW = '2025-11-20T09:30:00+07:00';

describe.skipIf(!!skip)('classic variant in real Chromium', { timeout: 90_000 }, () => {
  let bo: RunningBackoffice;
  let browser: Browser;
  let context: BrowserContext;
  let main: Page;
  let popup: Page;
  let code: string;
  const truth = async () => ((await (await fetch(`${bo.url}/__test/truth`)).json()) as { actions: TruthAction[] }).actions;
  const frameOf = (p: Page): Frame => p.frame({ name: 'ifrXuLy' })!;

  beforeAll(async () => {
    bo = await startBackoffice({ port: 0, seed: 33, now: new Date(NOW) });
    browser = await launchChromium();
    context = await browser.newContext();
    main = await context.newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await bo?.close();
  });

  it('signs in and the profile reads the queue rows and the account', async () => {
    await signIn(main, bo.url, 'motcua1', 'classic');
    await openQueue(main, 'chotiepnhan', 'classic');
    const rule = pageRule(profile, main.url())!;
    expect(rule.kind).toBe('list');
    const codes = await readListCodes(main, rule);
    const waiting = bo.world.store.dossiers.filter((d) => d.unitId === '000.00.12.H32' && d.status === 1).map((d) => d.code);
    expect([...codes].sort()).toEqual([...waiting].sort());
    expect(await readRule(main, profile.user!)).toBe('motcua1');
    code = waiting[0]!;
  });

  it('opens the detail in a popup window that the profile reads', async () => {
    popup = await openDossier(context, code, 'classic');
    expect(popup.url()).toMatch(/index\.php\?mod=hoso&act=view&id=\d+$/);
    const reading = await readDetail(popup, pageRule(profile, popup.url())!);
    expect(reading).toMatchObject({ code, status: 'Mới đăng ký', step: 'Tiếp nhận hồ sơ' });
    expect(await readRule(popup, profile.user!)).toBe('motcua1');
  });

  it('acts through the framed form: cancel records nothing, submit records a classic action', async () => {
    await popup.click('#thanhcongcu input.btnXuLy[value="Tiếp nhận"]');
    await popup.frameLocator('#ifrXuLy').locator('form#frmXuLy').waitFor();
    const frame = frameOf(popup);
    expect(await matchingSubmitRules(frame, profile, 'form#frmXuLy')).toEqual(['receive']);
    expect((await readDetail(frame, pageRule(profile, frame.url())!)).code).toBe(code);
    await popup.frameLocator('#ifrXuLy').locator('input[value="Hủy bỏ"]').click();
    expect(await truth()).toEqual([]);

    await act(popup, 'receive', {}, 'classic');
    await act(popup, 'forward', { toAccount: 'chuyenvien2' }, 'classic');
    expect(await truth()).toEqual([
      expect.objectContaining({ seq: 1, account: 'motcua1', action: 'receive', dossierCode: code, toAccount: null, variant: 'classic' }),
      expect.objectContaining({
        seq: 2,
        account: 'motcua1',
        action: 'forward',
        dossierCode: code,
        stepAfter: 'Thẩm định hồ sơ',
        toAccount: 'chuyenvien2',
        variant: 'classic',
      }),
    ]);
    const after = await readDetail(popup, pageRule(profile, popup.url())!);
    expect(after).toMatchObject({ code, status: 'Đang xử lý', step: 'Thẩm định hồ sơ' });
    expect(after.appointmentAt).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  });
});
