/**
 * Drives a real browser through the simulated back-office the way an official would: sign in,
 * find a dossier, open it (a popup in the classic variant), and act through dialogs or framed
 * forms. Used by e2e tests and the screenshots script, in Chromium (Playwright) and Firefox
 * (puppeteer-core through the same page interface, `tests/support/driver/`).
 */
import type { FrameLike, FrameLocatorLike, LocatorLike, PageLike } from '../support/driver/page-like.ts';
import type { ActionKind } from '../../shared/schemas/dossier.ts';
import { CLASSIC_TASKS, SPA_FORM_IDS } from './action-slugs.ts';
import { formatDateTime } from './format.ts';
import { BUTTON_LABELS } from './rules.ts';

export type UiVariant = 'spa' | 'classic';

export interface ActOptions {
  /** Receiver's back-office account for hand-overs (forward, approve, return, transfer). */
  toAccount?: string;
  note?: string;
  /** Apology: a Date, an ISO string, or `dd/MM/yyyy HH:mm`. */
  newAppointment?: Date | string;
  /** Forward: the code of the step to go to (default: the next one). */
  nextStep?: string;
  papers?: string[];
  resultNumber?: string;
}

const DEFAULT_NOTES: Partial<Record<ActionKind, string>> = {
  reject: 'Hồ sơ không thuộc thẩm quyền giải quyết',
  stop: 'Công dân đề nghị dừng giải quyết',
  return: 'Đề nghị rà soát lại',
  recall: 'Chuyển nhầm người nhận',
  supplement_request: 'Đề nghị bổ sung giấy tờ còn thiếu',
  apology: 'Hồ sơ phải xác minh thêm',
};

const origin = (page: PageLike) => new URL(page.url()).origin;

export async function signIn(page: PageLike, baseUrl: string, account: string, variant: UiVariant, password = 'demo'): Promise<void> {
  const base = baseUrl.replace(/\/+$/, '');
  if (variant === 'spa') {
    await page.goto(`${base}/dvc/dang-nhap`);
    const form = page.locator('#form-dang-nhap');
    await form.or(page.locator('.user-info__account')).first().waitFor();
    if (!(await form.isVisible())) {
      if ((await page.locator('.user-info__account').textContent())?.trim() === account) return;
      await signOut(page, 'spa');
    }
    await page.fill('#username', account);
    await page.fill('#password', password);
    await page.click('#form-dang-nhap button[type=submit]');
    await page.locator('.user-info__account', { hasText: account }).waitFor();
    return;
  }
  await page.goto(`${base}/motcua/logout.php`);
  await page.fill('input[name=taikhoan]', account);
  await page.fill('input[name=matkhau]', password);
  await Promise.all([page.waitForURL(/index\.php/), page.click('#frmDangNhap input[type=submit]')]);
  const shown = (await page.locator('#taikhoan').textContent())?.trim();
  if (shown !== account) throw new Error(`classic sign-in as ${account} failed (header shows ${shown ?? 'nothing'})`);
}

export async function signOut(page: PageLike, variant: UiVariant): Promise<void> {
  if (variant === 'spa') {
    await page.click('.btn-logout');
    await page.locator('#form-dang-nhap').waitFor();
    return;
  }
  await page.goto(`${origin(page)}/motcua/logout.php`);
}

/** Opens a queue: `group/key` in the single-page app (e.g. `xu-ly-ho-so/dang-xu-ly`), `loai` in the classic one. */
export async function openQueue(page: PageLike, queue: string, variant: UiVariant): Promise<void> {
  if (variant === 'spa') {
    await page.goto(`${origin(page)}/dvc/${queue}`);
    await page.locator('.dossier-list[data-state="loaded"]').waitFor();
  } else {
    await page.goto(`${origin(page)}/motcua/index.php?mod=hoso&act=list&loai=${queue}`);
  }
}

function pageOf<P extends PageLike>(target: P | { pages(): P[] }): P {
  if ('goto' in target) return target;
  const page = target.pages().find((p) => p.url().startsWith('http'));
  if (!page) throw new Error('openDossier: the context has no back-office page open; sign in first');
  return page;
}

/**
 * Finds a dossier by its code through the search screen and opens it. Returns the page showing
 * the detail: the same page in the single-page app, the popup window in the classic variant.
 */
export async function openDossier<P extends PageLike>(target: P | { pages(): P[] }, code: string, variant: UiVariant): Promise<P> {
  const page = pageOf(target);
  if (variant === 'spa') {
    await page.goto(`${origin(page)}/dvc/tra-cuu`);
    await page.locator('.dossier-list[data-state="loaded"]').waitFor();
    await page.fill('.list-filter input[name=q]', code);
    await page.click('.list-filter button[type=submit]');
    const link = page.locator('.dossier-table a[href^="/dvc/ho-so/"]', { hasText: code }).first();
    await link.waitFor();
    await link.click();
    await page.locator('.dossier-detail', { hasText: code }).waitFor();
    return page;
  }
  await page.goto(`${origin(page)}/motcua/index.php?mod=hoso&act=list&loai=tracuu&q=${encodeURIComponent(code)}`);
  const row = page.locator('#dsHoSo tr.hs-row', { hasText: code }).first();
  const id = (await row.getAttribute('id'))?.replace('hs_', '');
  // window.open reuses a popup of the same name, so an old popup for this dossier is closed first.
  for (const p of page.context().pages()) if (p.url().includes(`act=view&id=${id}`)) await p.close();
  const [popup] = await Promise.all([page.waitForEvent('popup'), row.locator('td.c-mahoso a').click()]);
  await popup.waitForLoadState('domcontentloaded');
  await popup.locator('#thanhcongcu').waitFor();
  return popup as P; // a popup of a page is driven by the same driver
}

async function fill(
  scope: LocatorLike,
  kind: ActionKind,
  opts: ActOptions,
  select: (name: string, value: string) => Promise<void>,
): Promise<void> {
  const has = async (sel: string) => (await scope.locator(sel).count()) > 0;
  if (opts.toAccount) {
    const name = (await has('select[name=nguoiNhan]')) ? 'nguoiNhan' : 'nguoi_nhan';
    await select(name, opts.toAccount);
  }
  for (const name of ['lyDo', 'noiDung', 'ly_do', 'noi_dung', 'trichYeu', 'trich_yeu', 'yKien', 'y_kien']) {
    const box = scope.locator(`textarea[name="${name}"]`);
    if ((await box.count()) === 0) continue;
    const text = opts.note ?? ((await box.inputValue()) || DEFAULT_NOTES[kind]);
    if (text) await box.fill(text);
    break;
  }
  if (opts.newAppointment) {
    const v =
      opts.newAppointment instanceof Date || /T/.test(opts.newAppointment) ? formatDateTime(opts.newAppointment) : opts.newAppointment;
    await scope.locator('input[name=ngayHenMoi], input[name=ngay_hen_moi]').fill(v);
  }
  for (const p of opts.papers ?? []) await scope.locator(`input[type=checkbox][value="${p}"]`).check();
  if (opts.resultNumber) await scope.locator('input[name=soKetQua], input[name=so_ket_qua]').fill(opts.resultNumber);
}

async function actSpa(page: PageLike, kind: ActionKind, opts: ActOptions): Promise<void> {
  await page.locator(`.dossier-actions button[data-action="${kind}"]`).click();
  const form = page.locator(`form#${SPA_FORM_IDS[kind]}`);
  await form.waitFor();
  if (opts.nextStep) await form.locator('select[name=buocTiep]').selectOption(opts.nextStep);
  await fill(form, kind, opts, async (name, value) => void (await form.locator(`select[name=${name}]`).selectOption(value)));
  await form.locator('button[type=submit]').click();
  const ok = page.locator('.ant-message-notice-success');
  const err = page.locator('.ant-message-notice-error');
  await ok.or(err).first().waitFor();
  if (await err.count()) throw new Error(`${kind} refused: ${(await err.first().textContent())?.trim()}`);
  await page.locator('.dossier-detail').waitFor();
}

async function actClassic(popup: PageLike, kind: ActionKind, opts: ActOptions): Promise<void> {
  const task = CLASSIC_TASKS[kind];
  await popup.locator(`#thanhcongcu input.btnXuLy[value="${BUTTON_LABELS[kind]}"]`).click();
  const frame: FrameLocatorLike = popup.frameLocator('#ifrXuLy');
  const form = frame.locator(`form#frmXuLy:has(input[name=task][value="${task}"])`);
  await form.waitFor();
  if (opts.nextStep) {
    // Changing the step reloads the frame with that step's receivers, as old PHP forms do.
    await form.locator('select[name=buoc_tiep]').selectOption(opts.nextStep);
    await frame.locator(`select[name=buoc_tiep] option[value="${opts.nextStep}"][selected]`).waitFor({ state: 'attached' });
  }
  await fill(form, kind, opts, async (name, value) => void (await form.locator(`select[name=${name}]`).selectOption(value)));
  // Success reloads the popup; a refusal redirects the frame back to the form with an error.
  const navigated = popup.waitForEvent('framenavigated', { predicate: (f: FrameLike) => f === popup.mainFrame() }).then(
    () => ({ ok: true as const }),
    () => ({ ok: false as const, why: 'the popup did not reload' }),
  );
  await form.locator('input[type=submit]').click();
  const refused = frame
    .locator('.loi')
    .waitFor()
    .then(
      async () => ({
        ok: false as const,
        why:
          (
            await frame
              .locator('.loi')
              .textContent()
              .catch(() => '')
          )?.trim() ?? '',
      }),
      () => null,
    );
  let outcome = await Promise.race([navigated, refused]);
  // The frame vanishing with the reloading popup ends the error watch without an answer.
  if (outcome === null) outcome = await navigated;
  if (!outcome.ok) throw new Error(`${kind} refused: ${outcome.why}`);
  await popup.waitForLoadState('domcontentloaded');
  await popup.locator('#thongbao').waitFor();
}

/** Performs one action through the real UI: the dialog in the single-page app, the framed form in the classic one. */
export async function act(page: PageLike, kind: ActionKind, opts: ActOptions = {}, variant: UiVariant = 'spa'): Promise<void> {
  if (variant === 'spa') return actSpa(page, kind, opts);
  return actClassic(page, kind, opts);
}
