import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable } from '../support/requirements.ts';
import { apiLogin, createBackofficeHandle, waitFor } from '../support/stack.ts';
import { signIn } from '../backoffice/scenario.ts';
import { createScenario, expectMatchesTruth, resetBackoffice, type Scenario } from './harness.ts';
import { MATERIAL } from './material-profile.ts';

/**
 * Issue 16's third back-office: `mat-row` divs, a paginator re-rendering in place, one shared
 * overlay dialog confirming list-row actions, no form. The profile comes from the API; the
 * back-office's own record of actions is the ground truth.
 */
describe.skipIf(!chromiumAvailable())('an Angular-Material-style back-office', () => {
  let bo: Awaited<ReturnType<typeof createBackofficeHandle>>;
  let s: Scenario;
  beforeAll(async () => {
    bo = await createBackofficeHandle({ seed: 23 });
    await resetBackoffice(bo.url, 23);
    s = await createScenario(bo.url, 'chuyenvien1');
  });
  afterAll(async () => {
    await s?.close();
    await bo?.close();
  });

  test('list-row actions confirmed in the shared overlay dialog: each once, right kind, official and receiver; a cancelled dialog records nothing', {
    timeout: 240_000,
  }, async () => {
    const admin = await apiLogin(s.api.url, 'admin');
    const res = await fetch(`${s.api.url}/v1/admin/profiles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify(MATERIAL),
    });
    expect(res.status).toBe(201);

    const page = await s.browser.context.newPage();
    await signIn(page, bo.url, 'chuyenvien1', 'spa');
    const listSeen = () =>
      s.api.services.db
        .selectFrom('events')
        .select(['extra'])
        .where('kind', '=', 'list_seen')
        .where('profile_id', '=', 'backoffice-material')
        .execute();
    // Reloaded until the extension has fetched the published profile (within a minute).
    await waitFor(
      async () => {
        await page.goto(`${bo.url}/mat/ho-so`);
        await page.locator('mat-table[data-state="loaded"]').waitFor();
        await page.waitForTimeout(1500);
        return listSeen();
      },
      (rows) => rows.length > 0,
      90_000,
      3000,
    );
    const firstRows = JSON.parse((await listSeen())[0]!.extra!) as {
      dossierCode: string;
      fields: { status?: string; appointmentAt?: string };
    }[];
    // Status without the icon's ligature; the list's yyyy-MM-dd date read by its own format.
    expect(firstRows[0]!.fields.status).not.toMatch(/schedule/);
    expect(firstRows.some((r) => r.fields.appointmentAt)).toBe(true);

    // Rows whose dossier allows each action, as the app's own API says.
    const rows = page.locator('mat-row');
    const ids = await rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.id!));
    const allowed = await page.evaluate(async (list) => {
      const out: Record<string, string[]> = {};
      for (const id of list)
        out[id] = ((await (await fetch(`/dvc/api/ho-so/${id}`)).json()) as { actions: { kind: string }[] }).actions.map((a) => a.kind);
      return out;
    }, ids);
    const fwdId = ids.find((id) => allowed[id]!.includes('forward'))!;
    const trId = ids.find((id) => id !== fwdId && allowed[id]!.includes('transfer'))!;
    expect(fwdId && trId).toBeTruthy();
    const codeOf = async (id: string) => (await page.locator(`mat-row[data-id="${id}"] .mat-column-code a`).textContent())!.trim();
    const fwdCode = await codeOf(fwdId);
    const trCode = await codeOf(trId);

    // Opened and cancelled: nothing.
    await page.locator(`mat-row[data-id="${fwdId}"] button[data-kind="forward"]`).click();
    await page.locator('mat-dialog-container .cancel').click();
    await expect.poll(() => page.locator('mat-dialog-container').count()).toBe(0);
    // Forwarded, confirmed by clicking the icon inside "Đồng ý".
    await page.locator(`mat-row[data-id="${fwdId}"] button[data-kind="forward"]`).click();
    const fwdReceiver = await page.locator('.mat-select-value-text').getAttribute('data-account');
    await page.locator('mat-dialog-container .confirm mat-icon').click();
    await expect.poll(() => page.locator('mat-dialog-container').count()).toBe(0);
    // Transferred through the same dialog component, another title.
    await page.locator(`mat-row[data-id="${trId}"] button[data-kind="transfer"]`).click();
    const trReceiver = await page.locator('.mat-select-value-text').getAttribute('data-account');
    await page.locator('mat-dialog-container .confirm').click();
    await expect.poll(() => page.locator('mat-dialog-container').count()).toBe(0);

    await s.drained();
    await expectMatchesTruth(s, [fwdCode, trCode]);
    const stored = await s.api.services.db
      .selectFrom('events')
      .select(['dossier_code', 'action', 'to_account', 'profile_id'])
      .where('kind', '=', 'action')
      .execute();
    expect(stored.map((r) => [r.dossier_code, r.action, r.to_account, r.profile_id]).sort()).toEqual(
      [
        [fwdCode, 'forward', fwdReceiver, 'backoffice-material'],
        [trCode, 'transfer', trReceiver, 'backoffice-material'],
      ].sort(),
    );

    // The paginator re-renders the rows in place: the next page is read too.
    const before = (await listSeen()).length;
    if (await page.locator('.mat-paginator-navigation-next:not([disabled])').count()) {
      await page.locator('.mat-paginator-navigation-next').click();
      await waitFor(listSeen, (r) => r.length > before, 30_000, 1000);
    }
    await page.close();
  });
});
