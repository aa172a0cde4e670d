import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createBackofficeHandle, waitFor } from '../support/stack.ts';
import { extensionStatus } from '../support/browser.ts';
import { EXTENSION_BROWSERS } from '../support/driver/browsers.ts';
import type { ExtensionBrowserLike } from '../support/driver/extension-browser.ts';
import { act, openDossier, signIn } from '../backoffice/scenario.ts';
import { createScenario, expectMatchesTruth, expectNoPersonalData, queueOf, resetBackoffice, work, type Scenario } from './harness.ts';

const ACCOUNT = 'chuyenvien1';

for (const kind of EXTENSION_BROWSERS) {
  describe.skipIf(!kind.available())(`${kind.name}: capture never loses or invents a handling event`, () => {
    let bo: Awaited<ReturnType<typeof createBackofficeHandle>>;
    let s: Scenario<ExtensionBrowserLike> | null = null;
    const scenario = (opts: { clockAheadMs?: number } = {}) => createScenario(bo.url, ACCOUNT, { ...opts, launch: kind.launch });
    const allBodies: string[] = [];
    beforeAll(async () => {
      bo = await createBackofficeHandle({ seed: 7 });
    });
    afterEach(async () => {
      if (s) allBodies.push(...s.proxy.bodies);
      await s?.close();
      s = null;
    });
    afterAll(async () => {
      // Every body that left the browser during these runs.
      if (bo && allBodies.length) await expectNoPersonalData(bo.url, allBodies);
      await bo?.close();
    });

    async function forwardAfterWork(codes: string[], workMs = 1500) {
      const page = await s!.browser.newPage();
      await signIn(page, bo.url, ACCOUNT, 'spa');
      for (const code of codes) {
        const detail = await openDossier(page, code, 'spa');
        await work(detail, workMs);
        await act(detail, 'forward', { toAccount: 'lanhdao1' }, 'spa');
      }
      return page;
    }

    test('(a) the background (service worker, event page) stopped in the middle of a flush', async () => {
      await resetBackoffice(bo.url, 7);
      s = await scenario();
      const codes = (await queueOf(bo.url, ACCOUNT)).slice(0, 2).map((d) => d.code);
      s.proxy.setMode('hold');
      const page = await forwardAfterWork(codes);
      await s.proxy.heldRequest();
      await page.close();
      await s.browser.stopBackground();
      // The pending fetch died with the background: its connection is gone.
      await waitFor(
        async () => s!.proxy.heldAbandoned(),
        (gone) => gone,
        30_000,
      );
      s.proxy.setMode('pass'); // the held batch now reaches the API, its answer reaches nobody
      await s.browser.sendMessage({ type: 'flushNow' }); // wakes the background
      await s.drained();
      await expectMatchesTruth(s, codes);
    });

    test('(b) the API down for a long stretch of work, then back', async () => {
      await resetBackoffice(bo.url, 7);
      s = await scenario();
      const codes = (await queueOf(bo.url, ACCOUNT)).slice(0, 3).map((d) => d.code);
      s.proxy.setMode('down');
      await forwardAfterWork(codes);
      expect((await extensionStatus(s.browser)).queued).toBeGreaterThanOrEqual(codes.length);
      s.proxy.setMode('pass');
      await s.drained();
      await expectMatchesTruth(s, codes);
    });

    test('(c) the browser closed and reopened with events still queued', async () => {
      await resetBackoffice(bo.url, 7);
      s = await scenario();
      const codes = (await queueOf(bo.url, ACCOUNT)).slice(0, 2).map((d) => d.code);
      s.proxy.setMode('down');
      await forwardAfterWork(codes);
      expect((await extensionStatus(s.browser)).queued).toBeGreaterThan(0);
      await s.relaunch();
      s.proxy.setMode('pass');
      await s.drained();
      await expectMatchesTruth(s, codes);
    });

    test('(d) the same batch delivered twice', async () => {
      await resetBackoffice(bo.url, 7);
      s = await scenario();
      s.proxy.setDuplicate(true);
      const codes = (await queueOf(bo.url, ACCOUNT)).slice(0, 2).map((d) => d.code);
      await forwardAfterWork(codes);
      await s.drained();
      await expectMatchesTruth(s, codes);
      const ids = (await s.api.services.db.selectFrom('events').select('id').execute()).map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    test('(e) the client clock off by two hours', async () => {
      await resetBackoffice(bo.url, 7);
      s = await scenario({ clockAheadMs: 2 * 3600_000 });
      const codes = (await queueOf(bo.url, ACCOUNT)).slice(0, 1).map((d) => d.code);
      await forwardAfterWork(codes);
      await s.drained();
      // Stored times are corrected to the server's clock: the truth comparison checks them to 3 s.
      await expectMatchesTruth(s, codes);
    });

    test('(f) one dossier open in two tabs and a popup counts its active time once', async () => {
      await resetBackoffice(bo.url, 7);
      s = await scenario();
      const code = (await queueOf(bo.url, ACCOUNT))[0]!.code;
      const spa = await s.browser.newPage();
      await signIn(spa, bo.url, ACCOUNT, 'spa');
      const started = Date.now();
      const tab1 = await openDossier(spa, code, 'spa');
      const second = await s.browser.newPage();
      await second.goto(`${bo.url}/dvc/xu-ly-ho-so/dang-xu-ly`);
      const tab2 = await openDossier(second, code, 'spa');
      const classic = await s.browser.newPage();
      await signIn(classic, bo.url, ACCOUNT, 'classic');
      const popup = await openDossier(classic, code, 'classic');
      await Promise.all([work(tab1, 5000), work(tab2, 5000), work(popup, 5000)]);
      await act(tab1, 'forward', { toAccount: 'lanhdao1' }, 'spa');
      const elapsed = (Date.now() - started) / 1000;
      for (const p of [tab2, popup, classic, spa]) await p.close().catch(() => undefined);
      await s.drained();
      await expectMatchesTruth(s, [code]);
      const active = await waitFor(
        () => s!.activeSeconds(code),
        (v) => v > 0,
        30_000,
      );
      expect(active).toBeLessThanOrEqual(elapsed + 1);
      expect(active).toBeGreaterThanOrEqual(5 - 1);
      const opens = await s.api.services.db
        .selectFrom('events')
        .select('id')
        .where('kind', '=', 'open')
        .where('dossier_code', '=', code)
        .execute();
      expect(opens.length).toBe(3); // three views opened it; its time is still counted once
    });
  });
}
