import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_KINDS, type ActionKind } from '../../shared/schemas/dossier.ts';
import { procedureByCode } from '../../shared/demo/roster.ts';
import { browserSkipReason, launchChromium } from './browser-support.ts';
import type { TruthAction } from './model.ts';
import { act, openDossier, signIn, type ActOptions, type UiVariant } from './scenario.ts';
import { startBackoffice, type RunningBackoffice } from './server.ts';

const skip = browserSkipReason();
if (skip) console.warn(`[backoffice] skipping the full-lifecycle browser test: ${skip}`);

const SO = '000.00.12.H32';
const NOW = new Date('2025-11-20T09:30:00+07:00');

/** Every action kind, performed through the real UI by the official whose turn it is. */
describe.skipIf(!!skip)('every action kind through the UI', { timeout: 180_000 }, () => {
  let bo: RunningBackoffice;
  let browser: Browser;
  beforeAll(async () => {
    bo = await startBackoffice({ port: 0, seed: 5, latencyMs: 50 });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await bo?.close();
  });

  for (const variant of ['spa', 'classic'] as const) {
    it(`${variant}: walks a dossier from reception to the returned result, plus reject, stop, recall and apology`, async () => {
      await fetch(`${bo.url}/__test/reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ seed: 5, now: NOW.toISOString() }),
      });
      const store = bo.world.store;
      const [main, rejectMe] = store.dossiers.filter((d) => d.unitId === SO && d.status === 1);
      const late =
        store.dossiers.find(
          (d) => d.unitId === SO && d.handler === 'chuyenvien3' && d.status === 4 && Date.parse(d.appointmentAt!) < NOW.getTime(),
        ) ?? store.dossiers.find((d) => d.unitId === SO && d.handler && d.status === 4 && Date.parse(d.appointmentAt!) < NOW.getTime())!;
      const context: BrowserContext = await browser.newContext();
      const page = await context.newPage();
      let detail: Page | null = null;

      const as = async (account: string, code: string) => {
        if (detail && detail !== page) await detail.close();
        await signIn(page, bo.url, account, variant);
        detail = await openDossier(page, code, variant);
      };
      const run = (kind: ActionKind, opts: ActOptions = {}) => act(detail!, kind, opts, variant as UiVariant);

      await as('motcua1', rejectMe!.code);
      await run('reject');
      await as('motcua1', main!.code);
      await run('receive');
      await run('forward', { toAccount: 'chuyenvien1' });
      await as('chuyenvien1', main!.code);
      await run('supplement_request', { papers: [procedureByCode(main!.procedureCode)!.papers[0]!], note: 'Thiếu bản gốc' });
      await as('motcua1', main!.code);
      await run('supplement_done');
      await as('chuyenvien1', main!.code);
      await run('update_result', { resultNumber: '15/QĐ-STNMT' });
      await run('transfer', { toAccount: 'chuyenvien2' });
      await as('chuyenvien2', main!.code);
      await run('forward', { toAccount: 'lanhdao2', nextStep: 'TRINH_KY' });
      await run('recall');
      await run('forward', { toAccount: 'lanhdao1' });
      await as('lanhdao1', main!.code);
      await run('return');
      await as('chuyenvien2', main!.code);
      await run('forward', { toAccount: 'lanhdao1' });
      await as('lanhdao1', main!.code);
      await run('approve', { toAccount: 'giamdoc1' });
      await as('giamdoc1', main!.code);
      await run('approve', { toAccount: 'motcua1' });
      await as('motcua1', main!.code);
      await run('finish');
      await run('return_result');
      await as(late.handler!, late.code);
      await run('apology', { newAppointment: new Date(NOW.getTime() + 5 * 86_400_000) });
      await run('stop');
      await context.close();

      const truth = ((await (await fetch(`${bo.url}/__test/truth`)).json()) as { actions: TruthAction[] }).actions;
      expect(new Set(truth.map((t) => t.action))).toEqual(new Set(ACTION_KINDS));
      expect(truth.every((t) => t.variant === variant)).toBe(true);
      expect(truth.filter((t) => t.toAccount).map((t) => `${t.action}>${t.toAccount}`)).toEqual([
        'forward>chuyenvien1',
        'supplement_done>chuyenvien1',
        'transfer>chuyenvien2',
        'forward>lanhdao2',
        'forward>lanhdao1',
        'return>chuyenvien2',
        'forward>lanhdao1',
        'approve>giamdoc1',
        'approve>motcua1',
      ]);
      expect(store.byCode.get(main!.code)!.status).toBe(10);
      expect(store.byCode.get(late.code)!.status).toBe(8);
    });
  }
});
