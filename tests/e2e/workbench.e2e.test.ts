import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable } from '../support/requirements.ts';
import { apiLogin, createBackofficeHandle, waitFor } from '../support/stack.ts';
import { signIn } from '../backoffice/scenario.ts';
import { signInExtension, signOutExtension } from '../support/browser.ts';
import { createScenario, resetBackoffice, type Scenario } from './harness.ts';
import { MATERIAL } from './material-profile.ts';

/**
 * Issue 16's workbench, in the extension's options page for an admin: the open back-office page
 * read by a draft right now (a careless draft's suspect values masked and named), the last click
 * matched against the draft's action rules, then the draft published through the API and used
 * by the extension on that page.
 */
describe.skipIf(!chromiumAvailable())('profile workbench', () => {
  let bo: Awaited<ReturnType<typeof createBackofficeHandle>>;
  let s: Scenario;
  beforeAll(async () => {
    bo = await createBackofficeHandle({ seed: 29 });
    await resetBackoffice(bo.url, 29);
    // The province admin signs in to the extension; the back-office page is a specialist's.
    s = await createScenario(bo.url, 'admin');
  });
  afterAll(async () => {
    await s?.close();
    await bo?.close();
  });

  test('test a draft on the open page, see a click matched, publish it; the extension then reads the page with it', {
    timeout: 240_000,
  }, async () => {
    const page = await s.browser.context.newPage();
    await signIn(page, bo.url, 'chuyenvien1', 'spa');
    await page.goto(`${bo.url}/mat/ho-so`);
    await page.locator('mat-table[data-state="loaded"]').waitFor();

    const bench = await s.browser.openExtensionPage('options.html');
    const section = bench.getByTestId('workbench');
    await section.waitFor();
    await bench.getByRole('button', { name: /Làm mới/ }).click();
    await expect.poll(() => bench.locator(`#wb-tab option[value="${page.url()}"]`).count()).toBe(1);
    await bench.locator('#wb-tab').selectOption(page.url());
    const readout = async () => {
      await bench.getByRole('button', { name: /Đọc trang/ }).click();
      await bench.getByTestId('workbench-readout').waitFor();
      return JSON.parse((await bench.getByTestId('workbench-readout').textContent())!);
    };

    // A careless draft: the applicant's cell as the status.
    const careless = {
      ...MATERIAL,
      pages: MATERIAL.pages.map((p) =>
        p.kind === 'list' ? { ...p, fields: { ...p.fields, status: { selectors: ['.mat-column-applicant'] } } } : p,
      ),
    };
    await bench.locator('#wb-draft').fill(JSON.stringify(careless));
    const bad = await readout();
    expect(bad.ok).toBe(true);
    expect(bad.personalData.length).toBeGreaterThan(0);
    expect(bad.personalData.every((p: { where: string }) => /^rows\.\d+\.status$/.test(p.where))).toBe(true);
    const applicantNames = await page.locator('.mat-column-applicant').allTextContents();
    for (const name of applicantNames.filter((n) => n.trim())) expect(JSON.stringify(bad)).not.toContain(name.trim());

    // The good draft reads the list; a click on the dialog's "Đồng ý" matches its forward rule.
    await bench.locator('#wb-draft').fill(JSON.stringify(MATERIAL));
    const good = await readout();
    expect(good).toMatchObject({
      ok: true,
      profile: { id: 'backoffice-material', draft: true },
      pageKind: 'list',
      user: 'chuyenvien1',
      misses: [],
      personalData: [],
    });
    expect(good.rowCount).toBeGreaterThan(0);
    await page.locator('mat-row button[data-kind="forward"]').first().click();
    await page.locator('mat-dialog-container .cancel').waitFor();
    expect((await readout()).lastClick).toEqual({ kind: null, toAccount: null });
    // A click on the icon inside "Đồng ý", without confirming anything in the app; the dialog may
    // still be drawing its title, so the click is made again until the readout sees it matched.
    const clickIcon = () =>
      page.locator('mat-dialog-container .confirm mat-icon').evaluate((el) => {
        // Stopped at the target: the capture-phase listeners (the extension's) see it, the app's own handler does not.
        el.addEventListener('click', (e) => e.stopPropagation(), { once: true });
        el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      });
    let matched = { lastClick: { kind: null as string | null, toAccount: null as string | null } };
    await expect
      .poll(
        async () => {
          await clickIcon();
          matched = await readout();
          return matched.lastClick.kind;
        },
        { timeout: 15_000 },
      )
      .toBe('forward');
    expect(matched.lastClick.toAccount).toBeTruthy();
    await page.locator('mat-dialog-container .cancel').click();

    // Published from the workbench: a new version through the API.
    await bench.getByRole('button', { name: /Đăng phiên bản/ }).click();
    await expect.poll(() => bench.locator('[role=status]').textContent()).toMatch(/Đã đăng \/ published backoffice-material v1/);
    const admin = await apiLogin(s.api.url, 'admin');
    const stored = (await (await fetch(`${s.api.url}/v1/admin/profiles`, { headers: { authorization: `Bearer ${admin}` } })).json()) as {
      profiles: { id: string; version: number }[];
    };
    expect(stored.profiles.map((p) => `${p.id} v${p.version}`)).toContain('backoffice-material v1');
    // The page is chuyenvien1's: the admin's extension records nothing there (another account, issue
    // 13). Signed in as the page's own official, the extension reads the page with the published
    // version (not bundled: it can only have come from the API).
    await signOutExtension(s.browser);
    await signInExtension(s.browser, s.proxy.url, 'chuyenvien1');
    await page.reload();
    await page.locator('mat-table[data-state="loaded"]').waitFor();
    await waitFor(
      () =>
        s.api.services.db
          .selectFrom('events')
          .select('id')
          .where('kind', '=', 'list_seen')
          .where('profile_id', '=', 'backoffice-material')
          .execute(),
      (r) => r.length > 0,
      75_000,
      2000,
    );
    await page.close();
  });
});
