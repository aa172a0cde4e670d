import { expect } from 'vitest';
import { launchWithExtension, signInExtension, extensionStatus, type ExtensionBrowser } from '../support/browser.ts';
import type { ExtensionBrowserLike, LaunchOptions } from '../support/driver/extension-browser.ts';
import type { PageLike } from '../support/driver/page-like.ts';
import { createApiHandle, waitFor, type ApiHandle } from '../support/stack.ts';
import { startApiProxy, type ApiProxy } from '../support/api-proxy.ts';

export type BoDossier = { code: string; handler: string | null; status: number };
export type TruthAction = { seq: number; at: string; account: string; action: string; dossierCode: string; variant: string };

/**
 * One scenario: its own API and database, a proxy the test controls, a fresh browser profile.
 * `launch` picks the browser (`EXTENSION_BROWSERS`); Chromium unless said.
 */
export async function createScenario<B extends ExtensionBrowserLike = ExtensionBrowser>(
  boUrl: string,
  account: string,
  opts: { userDataDir?: string; clockAheadMs?: number; launch?: (o: LaunchOptions) => Promise<B> } = {},
) {
  const launch = opts.launch ?? (launchWithExtension as unknown as (o: LaunchOptions) => Promise<B>);
  const api: ApiHandle = await createApiHandle();
  const proxy: ApiProxy = await startApiProxy(api.url);
  if (opts.clockAheadMs) proxy.setShift(opts.clockAheadMs);
  let browser: B = await launch({ userDataDir: opts.userDataDir });
  await signInExtension(browser, proxy.url, account);
  const started = Date.now();
  return {
    api,
    proxy,
    get browser() {
      return browser;
    },
    async relaunch() {
      const dir = browser.userDataDir;
      await browser.close();
      browser = await launch({ userDataDir: dir });
    },
    /** Actions the back-office recorded since the scenario started, for these dossiers. */
    async truth(codes: string[]): Promise<TruthAction[]> {
      const body = (await (await fetch(`${boUrl}/__test/truth`)).json()) as { actions: TruthAction[] };
      return body.actions.filter((a) => codes.includes(a.dossierCode) && Date.parse(a.at) >= started - 1000 && a.variant !== 'workday');
    },
    async storedActions(codes: string[]) {
      return api.services.db
        .selectFrom('events')
        .innerJoin('officials', 'officials.id', 'events.official_id')
        .select(['events.id', 'officials.username', 'events.action', 'events.dossier_code', 'events.at'])
        .where('events.kind', '=', 'action')
        .where('events.dossier_code', 'in', codes)
        .orderBy('events.at')
        .execute();
    },
    async activeSeconds(code: string) {
      const rows = await api.services.db
        .selectFrom('events')
        .select(['start_at', 'end_at'])
        .where('kind', '=', 'active')
        .where('dossier_code', '=', code)
        .execute();
      return rows.reduce((s, r) => s + (Number(r.end_at) - Number(r.start_at)) / 1000, 0);
    },
    async drained() {
      await waitFor(
        () => extensionStatus(browser),
        (s) => s.queued === 0,
        120_000,
        1000,
      );
    },
    async close() {
      await browser.close().catch(() => undefined);
      await proxy.close();
      await api.close();
    },
  };
}
export type Scenario<B extends ExtensionBrowserLike = ExtensionBrowser> = Awaited<ReturnType<typeof createScenario<B>>>;

export async function queueOf(boUrl: string, account: string): Promise<BoDossier[]> {
  const body = (await (await fetch(`${boUrl}/__test/dossiers`)).json()) as { dossiers: BoDossier[] };
  return body.dossiers.filter((d) => d.handler === account && d.status === 4);
}

export async function resetBackoffice(boUrl: string, seed: number) {
  const res = await fetch(`${boUrl}/__test/reset`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seed }),
  });
  expect(res.ok).toBe(true);
}

/** Works on the page as an official does: small mouse movements for `ms`. */
export async function work(page: PageLike, ms: number) {
  const until = Date.now() + ms;
  for (let i = 0; Date.now() < until; i++) {
    await page.mouse.move(200 + (i % 20) * 7, 300 + (i % 5) * 3);
    await page.waitForTimeout(250);
  }
}

/** The API's actions equal the back-office's ground truth: same officials, actions, dossiers, order. */
export async function expectMatchesTruth(s: Scenario<ExtensionBrowserLike>, codes: string[]) {
  const truth = await s.truth(codes);
  const stored = await waitFor(
    () => s.storedActions(codes),
    (rows) => rows.length >= truth.length,
    90_000,
    1000,
  );
  const key = (account: string, action: string | null, code: string | null) => `${account}|${action}|${code}`;
  expect(stored.map((r) => key(r.username, r.action, r.dossier_code))).toEqual(truth.map((t) => key(t.account, t.action, t.dossierCode)));
  for (const [i, t] of truth.entries()) expect(Math.abs(Number(stored[i]!.at) - Date.parse(t.at))).toBeLessThan(3000);
}

/** Not one made-up citizen name, ID number, phone, email or address in anything sent. */
export async function expectNoPersonalData(boUrl: string, bodies: string[]) {
  const pd = (await (await fetch(`${boUrl}/__test/personal-data`)).json()) as { values: string[] };
  const needles = pd.values.filter((v) => typeof v === 'string' && v.length >= 5);
  expect(needles.length).toBeGreaterThan(50);
  const all = bodies.join('\n');
  const leaks = needles.filter((n) => all.includes(n));
  expect(leaks).toEqual([]);
}
