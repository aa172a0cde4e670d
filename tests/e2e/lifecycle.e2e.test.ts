import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createBackofficeHandle } from '../support/stack.ts';
import { signInExtension, signOutExtension } from '../support/browser.ts';
import { EXTENSION_BROWSERS } from '../support/driver/browsers.ts';
import type { BrowserName, ExtensionBrowserLike } from '../support/driver/extension-browser.ts';
import type { PageLike } from '../support/driver/page-like.ts';
import { dumpDatabase } from '../support/db-scan.ts';
import { act, openDossier, signIn, type ActOptions, type UiVariant } from '../backoffice/scenario.ts';
import { procedureByCode } from '../../shared/demo/roster.ts';
import { ACTION_KINDS, type ActionKind } from '../../shared/schemas/dossier.ts';
import { createScenario, expectMatchesTruth, resetBackoffice, work, type Scenario } from './harness.ts';

const SO = '000.00.12.H32';
type BoDossier = {
  code: string;
  unitId: string;
  status: number;
  procedureCode: string;
  handler: string | null;
  appointmentAt: string | null;
};

/** Chromium takes both variants; Firefox the server-rendered one (popups, an action frame, form posts). */
const VARIANTS: Record<BrowserName, readonly UiVariant[]> = { chromium: ['spa', 'classic'], firefox: ['classic'] };

/**
 * A whole dossier lifecycle through each back-office variant, every official with the extension
 * signed in as themselves: what the API stored must be the back-office's ground truth exactly.
 */
for (const kind of EXTENSION_BROWSERS) {
  describe.skipIf(!kind.available())(
    `${kind.name}: full lifecycle on ${VARIANTS[kind.name].join(' and ')} back-office variant(s), captured by the extension`,
    () => {
      let bo: Awaited<ReturnType<typeof createBackofficeHandle>>;
      const dumps: string[] = [];
      beforeAll(async () => {
        bo = await createBackofficeHandle({ seed: 5 });
      });
      afterAll(async () => {
        await bo?.close();
      });

      for (const variant of VARIANTS[kind.name]) {
        test(`${variant}: reception → supplement pause → examination → return → approvals → result, and every other action kind`, async () => {
          await resetBackoffice(bo.url, 5);
          const all = ((await (await fetch(`${bo.url}/__test/dossiers`)).json()) as { dossiers: BoDossier[] }).dossiers;
          const [main, rejectMe] = all.filter((d) => d.unitId === SO && d.status === 1);
          const late = all.find(
            (d) =>
              d.unitId === SO &&
              d.status === 4 &&
              d.handler?.startsWith('chuyenvien') &&
              d.appointmentAt &&
              Date.parse(d.appointmentAt) < Date.now(),
          )!;
          expect(main && rejectMe && late).toBeTruthy();
          const s: Scenario<ExtensionBrowserLike> = await createScenario(bo.url, 'motcua1', { launch: kind.launch });
          try {
            const page = await s.browser.newPage();
            let detail: PageLike | null = null;
            let current = 'motcua1';
            const as = async (account: string, code = main!.code) => {
              if (detail && detail !== page) await detail.close();
              if (account !== current) {
                await signOutExtension(s.browser);
                await signInExtension(s.browser, s.proxy.url, account);
                current = account;
              }
              await signIn(page, bo.url, account, variant);
              detail = await openDossier(page, code, variant);
              await work(detail, 1200);
            };
            const run = (action: ActionKind, opts: ActOptions = {}) => act(detail!, action, opts, variant);

            await as('motcua1', rejectMe!.code);
            await run('reject');
            await as('motcua1');
            await run('receive');
            await run('forward', { toAccount: 'chuyenvien1' });
            await as('chuyenvien1');
            await run('supplement_request', { papers: [procedureByCode(main!.procedureCode)!.papers[0]!], note: 'Thiếu bản gốc' });
            await as('motcua1');
            await run('supplement_done');
            await as('chuyenvien1');
            await run('update_result', { resultNumber: '15/QĐ-STNMT' });
            await run('transfer', { toAccount: 'chuyenvien2' });
            await as('chuyenvien2');
            await run('forward', { toAccount: 'lanhdao2', nextStep: 'TRINH_KY' });
            await run('recall');
            await run('forward', { toAccount: 'lanhdao1' });
            await as('lanhdao1');
            await run('return');
            await as('chuyenvien2');
            await run('forward', { toAccount: 'lanhdao1' });
            await as('lanhdao1');
            await run('approve', { toAccount: 'giamdoc1' });
            await as('giamdoc1');
            await run('approve', { toAccount: 'motcua1' });
            await as('motcua1');
            await run('finish');
            await run('return_result');
            await as(late.handler!, late.code);
            await run('apology', { newAppointment: new Date(Date.now() + 5 * 86_400_000) });
            await run('stop');
            await signOutExtension(s.browser); // flushes the last official's queue

            const codes = [main!.code, rejectMe!.code, late.code];
            await expectMatchesTruth(s, codes);
            const truth = await s.truth(codes);
            // Every action kind went through the page and was captured exactly once.
            expect(new Set(truth.map((t) => t.action))).toEqual(new Set(ACTION_KINDS));
            // Hand-overs name their receiver, resolved to the receiving official.
            const handovers = await s.api.services.db
              .selectFrom('events')
              .innerJoin('officials', 'officials.id', 'events.to_official_id')
              .select(['events.action', 'officials.username'])
              .where('events.dossier_code', '=', main!.code)
              .where('events.kind', '=', 'action')
              .orderBy('events.at')
              .execute();
            expect(handovers.map((h) => `${h.action}>${h.username}`)).toEqual(
              (
                (await (await fetch(`${bo.url}/__test/truth`)).json()) as {
                  actions: { dossierCode: string; toAccount: string | null; action: string }[];
                }
              ).actions
                .filter((t) => t.dossierCode === main!.code && t.toAccount)
                .map((t) => `${t.action}>${t.toAccount}`),
            );
            dumps.push(await dumpDatabase(s.api.services.db));
          } finally {
            await s.close();
          }
        });
      }

      test('no citizen personal data from these pages is anywhere in the API database', async () => {
        expect(dumps.length).toBe(VARIANTS[kind.name].length);
        const pd = (await (await fetch(`${bo.url}/__test/personal-data`)).json()) as { values: string[] };
        const needles = pd.values.filter((v) => v.length >= 5);
        expect(needles.length).toBeGreaterThan(100);
        const leaks = needles.filter((n) => dumps.some((d) => d.includes(n)));
        expect(leaks).toEqual([]);
      });
    },
  );
}
