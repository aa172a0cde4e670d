import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { extensionStatus, signInExtension } from '../support/browser.ts';
import { EXTENSION_BROWSERS } from '../support/driver/browsers.ts';
import type { ExtensionBrowserLike } from '../support/driver/extension-browser.ts';
import { apiGet, apiLogin, createApiHandle, createBackofficeHandle, waitFor, type ApiHandle } from '../support/stack.ts';
import { act, openDossier, signIn } from '../backoffice/scenario.ts';
import type { OfficialStatsRow } from '../../shared/schemas/api.ts';
import { queueOf, work, type BoDossier } from './harness.ts';

for (const kind of EXTENSION_BROWSERS) {
  describe.skipIf(!kind.available())(
    `${kind.name}: walking skeleton: a dossier action travels from the back-office page to per-official stats`,
    () => {
      let api: ApiHandle;
      let bo: Awaited<ReturnType<typeof createBackofficeHandle>>;
      let browser: ExtensionBrowserLike;
      let token: string;
      let queue: BoDossier[];

      beforeAll(async () => {
        api = await createApiHandle();
        bo = await createBackofficeHandle({ seed: 7 });
        browser = await kind.launch();
        await signInExtension(browser, api.url, 'chuyenvien1');
        token = await apiLogin(api.url, 'chuyenvien1');
        queue = await queueOf(bo.url, 'chuyenvien1');
        expect(queue.length).toBeGreaterThanOrEqual(2);
      });
      afterAll(async () => {
        await browser?.close();
        await bo?.close();
        await api?.close();
      });

      const statsFor = async (code: string) => {
        const body = await apiGet<{ officials: OfficialStatsRow[] }>(api.url, token, '/v1/stats/officials');
        return body.officials.find((o) => o.username === 'chuyenvien1')?.dossiers.find((d) => d.dossierCode === code) ?? null;
      };

      test('open, work a few seconds, forward: the official’s stats show the dossier and its active time', async () => {
        const code = queue[0]!.code;
        const page = await browser.newPage();
        await signIn(page, bo.url, 'chuyenvien1', 'spa');
        const opened = Date.now();
        const detail = await openDossier(page, code, 'spa');
        await work(detail, 4000);
        const beforeAct = Date.now();
        await act(detail, 'forward', { toAccount: 'lanhdao1' }, 'spa');
        const afterAct = Date.now();

        const row = await waitFor(
          () => statsFor(code),
          (r) => !!r && r.actions >= 1 && r.activeSeconds > 0,
        );
        expect(row!.actions).toBe(1);
        // Active from the dossier showing on screen to the confirming click.
        expect(row!.activeSeconds).toBeGreaterThanOrEqual((beforeAct - opened) / 1000 - 2);
        expect(row!.activeSeconds).toBeLessThanOrEqual((afterAct - opened) / 1000 + 1);
        const truth = (await (await fetch(`${bo.url}/__test/truth`)).json()) as {
          actions: { account: string; action: string; dossierCode: string }[];
        };
        expect(truth.actions.filter((a) => a.dossierCode === code && a.account === 'chuyenvien1').map((a) => a.action)).toEqual([
          'forward',
        ]);
        await page.close();
      });

      test('the API is down at the moment of the action: the event arrives once after it is back', async () => {
        const code = queue[1]!.code;
        const page = await browser.newPage();
        await signIn(page, bo.url, 'chuyenvien1', 'spa');
        const detail = await openDossier(page, code, 'spa');
        await work(detail, 2000);
        await api.stop();
        await act(detail, 'forward', { toAccount: 'lanhdao1' }, 'spa');
        await detail.waitForTimeout(1500);
        const held = await extensionStatus(browser);
        expect(held.queued).toBeGreaterThan(0);
        await api.start();

        await waitFor(
          () => statsFor(code),
          (r) => !!r && r.actions >= 1,
          90_000,
        );
        await waitFor(
          () => extensionStatus(browser),
          (s) => s.queued === 0,
          60_000,
        );
        const actions = await api.services.db
          .selectFrom('events')
          .select(['id', 'action'])
          .where('dossier_code', '=', code)
          .where('kind', '=', 'action')
          .execute();
        expect(actions.map((a) => a.action)).toEqual(['forward']);
        await page.close();
      });
    },
  );
}
