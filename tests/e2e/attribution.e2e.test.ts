import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailable } from '../support/requirements.ts';
import { apiGet, apiLogin, createBackofficeHandle, waitFor } from '../support/stack.ts';
import { signInExtension, signOutExtension } from '../support/browser.ts';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { act, openDossier, signIn, type UiVariant } from '../backoffice/scenario.ts';
import { CLASSIC_TASKS, SPA_FORM_IDS } from '../backoffice/action-slugs.ts';
import { BUTTON_LABELS } from '../backoffice/rules.ts';
import type { ActionKind } from '../../shared/schemas/dossier.ts';
import { createScenario, resetBackoffice, work, type BoDossier, type Scenario } from './harness.ts';
import bundledSpa from '../../extension/profiles/bundled/backoffice-spa.ts';

const SO = '000.00.12.H32';
const SEED = 7;
type Segment = { holder: { id: string }; evidence: string; endedBy: string | null; claimedBy: { id: string } | null };
type Detail = { segments: Segment[]; flags: { officialId: string | null; status: string }[] };

/** The action's dialog (single-page app) or framed form (classic), opened but not confirmed. */
async function openAction(detail: Page, kind: ActionKind, variant: UiVariant): Promise<{ form: Locator; frame: FrameLocator | null }> {
  if (variant === 'spa') {
    await detail.locator(`.dossier-actions button[data-action="${kind}"]`).click();
    const form = detail.locator(`form#${SPA_FORM_IDS[kind]}`);
    await form.waitFor();
    return { form, frame: null };
  }
  await detail.locator(`#thanhcongcu input.btnXuLy[value="${BUTTON_LABELS[kind]}"]`).click();
  const frame = detail.frameLocator('#ifrXuLy');
  const form = frame.locator(`form#frmXuLy:has(input[name=task][value="${CLASSIC_TASKS[kind]}"])`);
  await form.waitFor();
  return { form, frame };
}

/** Picks `wanted` as the receiver when the form offers it, else the first one offered; returns the account chosen. */
async function chooseReceiver(form: Locator, wanted: string): Promise<string> {
  const select = form.locator('select[name=nguoiNhan], select[name=nguoi_nhan]');
  const offered = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const account = offered.includes(wanted) ? wanted : offered[0]!;
  await select.selectOption(account);
  return account;
}

async function cancel(open: { form: Locator; frame: FrameLocator | null }, detail: Page, variant: UiVariant) {
  if (variant === 'spa') {
    await open.form.locator('.btn-cancel').click();
    await open.form.waitFor({ state: 'detached' });
  } else {
    await open.form.locator('input[type=button][value="Hủy bỏ"]').click();
    await detail.locator('#khungXuLy').waitFor({ state: 'hidden' });
  }
}

/** The page showing the dossier (the classic variant's popup), as Playwright's page. */
const openOn = async (page: Page, code: string, variant: UiVariant): Promise<Page> =>
  (await openDossier(page as never, code, variant)) as unknown as Page;

const pillState = (page: Page) => page.locator('dossier-pulse-pill').getAttribute('data-state');

describe.skipIf(!chromiumAvailable())(
  'attribution in real Chromium with the built extension: the page’s own word, one action once, the right account',
  () => {
    let bo: Awaited<ReturnType<typeof createBackofficeHandle>>;
    beforeAll(async () => {
      bo = await createBackofficeHandle({ seed: SEED });
    });
    afterAll(async () => {
      await bo?.close();
    });

    for (const variant of ['spa', 'classic'] as const) {
      test(`${variant}: a viewer is not made holder; a double click is one hand-over; a cancelled dialog is nothing; another back-office account records nothing; approve hands over`, async () => {
        await resetBackoffice(bo.url, SEED);
        const all = ((await (await fetch(`${bo.url}/__test/dossiers`)).json()) as { dossiers: (BoDossier & { unitId: string })[] })
          .dossiers;
        const held = (account: string) => all.filter((d) => d.unitId === SO && d.status === 4 && d.handler === account).map((d) => d.code);
        const [colleagues, cancelled, doubled] = [held('chuyenvien2')[0]!, held('chuyenvien1')[1]!, held('chuyenvien1')[2]!];
        const foreign = held('chuyenvien2')[1]!;
        expect([colleagues, cancelled, doubled, foreign].every(Boolean)).toBe(true);

        const s: Scenario = await createScenario(bo.url, 'chuyenvien1');
        try {
          const page = (await s.browser.newPage()) as unknown as Page;
          await signIn(page, bo.url, 'chuyenvien1', variant);

          // 1. chuyenvien1 looks up a colleague's dossier: the page names chuyenvien2 as its handler.
          let detail = await openOn(page, colleagues, variant);
          await work(detail, 1500);
          if (detail !== page) await detail.close();

          // 2. A dialog opened, then cancelled.
          detail = await openOn(page, cancelled, variant);
          await work(detail, 800);
          await cancel(await openAction(detail, 'forward', variant), detail, variant);
          await work(detail, 800);
          if (detail !== page) await detail.close();

          // 3. A confirm control clicked twice.
          detail = await openOn(page, doubled, variant);
          await work(detail, 1000);
          const forward = await openAction(detail, 'forward', variant);
          const leader = await chooseReceiver(forward.form, 'lanhdao1');
          await forward.form.locator('button[type=submit], input[type=submit]').dblclick();
          await waitFor(
            () => s.truth([doubled]),
            (t) => t.length >= 1,
            30_000,
          );
          await work(page, 1500);
          if (detail !== page) await detail.close();

          // 4. The receiving leader approves it on, naming who receives it.
          await signOutExtension(s.browser);
          await signInExtension(s.browser, s.proxy.url, leader);
          await signIn(page, bo.url, leader, variant);
          detail = await openOn(page, doubled, variant);
          await work(detail, 1000);
          const approve = await openAction(detail, 'approve', variant);
          const approvedTo = await chooseReceiver(approve.form, 'giamdoc1');
          await cancel(approve, detail, variant);
          await act(detail, 'approve', { toAccount: approvedTo }, variant);
          if (detail !== page) await detail.close();

          // 5. The extension is chuyenvien1's, the back-office is signed in as chuyenvien2.
          await signOutExtension(s.browser);
          await signInExtension(s.browser, s.proxy.url, 'chuyenvien1');
          await signIn(page, bo.url, 'chuyenvien2', variant);
          detail = await openOn(page, foreign, variant);
          await waitFor(
            () => pillState(detail),
            (v) => v === 'paused',
            20_000,
          );
          const message = await detail.locator('dossier-pulse-pill').getAttribute('data-message');
          expect(message).toMatch(/Tạm dừng ghi nhận/);
          expect(message).toContain('chuyenvien2');
          await work(detail, 1500);
          await act(detail, 'forward', { toAccount: 'lanhdao1' }, variant);
          await work(detail, 1000);
          if (detail !== page) await detail.close();
          await signOutExtension(s.browser); // flushes what is queued

          const ids = new Map(
            (await s.api.services.db.selectFrom('officials').select(['id', 'username']).execute()).map((o) => [o.username, o.id]),
          );
          const id = (u: string) => ids.get(u)!;
          const inspector = await apiLogin(s.api.url, 'thanhtra');
          const detailOf = (code: string) => apiGet<Detail>(s.api.url, inspector, `/v1/dossiers/${encodeURIComponent(code)}`);

          // The back-office's ground truth: one forward (the second click did nothing), one approval, the foreign forward; nothing on the cancelled one.
          const truth = await s.truth([colleagues, cancelled, doubled, foreign]);
          expect(truth.map((t) => `${t.account}|${t.action}|${t.dossierCode}`)).toEqual([
            `chuyenvien1|forward|${doubled}`,
            `${leader}|approve|${doubled}`,
            `chuyenvien2|forward|${foreign}`,
          ]);
          // What the API stored: the extension's officials' own actions, once each; nothing from the other account's page.
          const stored = await waitFor(
            () => s.storedActions([colleagues, cancelled, doubled, foreign]),
            (r) => r.length >= 2,
            60_000,
          );
          expect(stored.map((r) => `${r.username}|${r.action}|${r.dossier_code}`)).toEqual([
            `chuyenvien1|forward|${doubled}`,
            `${leader}|approve|${doubled}`,
          ]);
          const fromForeignPage = await s.api.services.db
            .selectFrom('events')
            .select(['id', 'kind', 'dossier_code'])
            .where((eb) => eb.or([eb('dossier_code', '=', foreign), eb('backoffice_user', '=', 'chuyenvien2')]))
            .execute();
          expect(fromForeignPage).toEqual([]);

          // The viewer is not made holder: custody, if any, is the holder the page named, on the viewer's word (claimed), with no flag on the viewer.
          const viewed = await detailOf(colleagues);
          expect(viewed.segments.some((g) => g.holder.id === id('chuyenvien1'))).toBe(false);
          expect(viewed.segments.map((g) => g.holder.id)).toEqual([id('chuyenvien2')]);
          expect(viewed.segments[0]).toMatchObject({ evidence: 'claimed', claimedBy: { id: id('chuyenvien1') } });
          expect(viewed.flags.filter((f) => f.officialId === id('chuyenvien1'))).toEqual([]);

          // The cancelled dialog: the official held it (the page named them), nothing was done.
          const untouched = await detailOf(cancelled);
          expect(untouched.segments.map((g) => [g.holder.id, g.evidence, g.endedBy])).toEqual([[id('chuyenvien1'), 'confirmed', 'open']]);

          // One hand-over to the leader, confirmed by the page chuyenvien1 read; the approval hands over on.
          const handled = await waitFor(
            () => detailOf(doubled),
            (d) => d.segments.length >= 3,
            30_000,
          );
          expect(handled.segments.map((g) => [g.holder.id, g.endedBy])).toEqual([
            [id('chuyenvien1'), 'forward'],
            [id(leader), 'approve'],
            [id(approvedTo), 'open'],
          ]);
          expect(handled.segments.map((g) => g.evidence)).toEqual(['confirmed', 'confirmed', 'claimed']);
          expect(handled.segments[2]!.claimedBy?.id).toBe(id(leader));
        } finally {
          await s.close();
        }
      });
    }

    test('spa, with an admin’s profile that binds each action to the button opening its dialog: a cancelled dialog is nothing, a confirmed one is one action with the receiver chosen in it', async () => {
      await resetBackoffice(bo.url, SEED);
      const all = ((await (await fetch(`${bo.url}/__test/dossiers`)).json()) as { dossiers: (BoDossier & { unitId: string })[] }).dossiers;
      const code = all.filter((d) => d.unitId === SO && d.status === 4 && d.handler === 'chuyenvien1')[3]!.code;
      const s: Scenario = await createScenario(bo.url, 'chuyenvien1');
      try {
        // What an admin writes for a back-office whose confirmations cannot be told apart: the opening buttons.
        const profile = {
          ...bundledSpa,
          version: 2,
          actions: ['forward', 'transfer', 'stop'].map((kind) => ({
            kind,
            on: 'click',
            selector: `.dossier-actions button[data-action="${kind}"]`,
            toAccount: { selectors: ['select[name="nguoiNhan"]'], attr: 'value' },
          })),
        };
        const admin = await apiLogin(s.api.url, 'admin');
        // Versions are consecutive on the server: the bundled one first, then the admin's, which replaces it in the extension.
        for (const body of [bundledSpa, profile]) {
          const posted = await fetch(`${s.api.url}/v1/admin/profiles`, {
            method: 'POST',
            headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          expect(posted.status).toBe(201);
        }
        // Profiles are fetched at sign-in.
        await signOutExtension(s.browser);
        await signInExtension(s.browser, s.proxy.url, 'chuyenvien1');

        const page = (await s.browser.newPage()) as unknown as Page;
        await signIn(page, bo.url, 'chuyenvien1', 'spa');
        const detail = await openOn(page, code, 'spa');
        await work(detail, 1000);
        await cancel(await openAction(detail, 'forward', 'spa'), detail, 'spa');
        await work(detail, 1500);
        const forward = await openAction(detail, 'forward', 'spa');
        const to = await chooseReceiver(forward.form, 'lanhdao1');
        await work(detail, 500);
        await forward.form.locator('button[type=submit]').click();
        await detail.locator('.ant-message-notice-success').waitFor();
        await work(detail, 1000);
        await signOutExtension(s.browser);

        const truth = await s.truth([code]);
        expect(truth.map((t) => `${t.account}|${t.action}`)).toEqual(['chuyenvien1|forward']);
        const stored = await waitFor(
          () =>
            s.api.services.db
              .selectFrom('events')
              .innerJoin('officials', 'officials.id', 'events.to_official_id')
              .select(['events.action', 'officials.username', 'events.profile_version'])
              .where('events.kind', '=', 'action')
              .where('events.dossier_code', '=', code)
              .execute(),
          (r) => r.length >= 1,
          30_000,
        );
        expect(stored).toEqual([{ action: 'forward', username: to, profile_version: 2 }]);
        expect((await s.storedActions([code])).length).toBe(1);
      } finally {
        await s.close();
      }
    });
  },
);
