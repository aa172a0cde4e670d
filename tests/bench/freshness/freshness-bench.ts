import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { openStorage } from '../../../api/db/connect.ts';
import { queueLength } from '../../../api/derive/index.ts';
import { EXTENSION_DIR, launchWithExtension, signInExtension, type ExtensionBrowser } from '../../support/browser.ts';
import { apiLogin } from '../../support/stack.ts';
import { startApiProcess, type ChildServer } from '../support/api-process.ts';
import { percentile, sleep } from '../support/measure.ts';
import { createOutboxClient } from '../support/outbox-client.ts';
import { scratchDatabase } from '../support/pg-database.ts';
import { createPrng } from '../support/prng.ts';
import type { Report } from '../support/report.ts';
import { seedOfficials } from '../support/seed-officials.ts';
import { clerkAtWork } from '../soak/soak.ts';
import { codeOf, LIST_PATH, startListServer } from '../extension/list-page.ts';
import { judge } from '../targets.ts';

const DAY = 86_400_000;
const PROFILE = { id: 'backoffice-classic', version: 1 };
const UNIT = '000.00.12.H32';
/** Rows of the list page; probes use rows the extension reads at load. */
const ROWS = 50;
const POLL_MS = 100;
const RELOAD_MS = 250;
const GIVE_UP_MS = 60_000;

type Sample = { flag: number | null; figures: number | null; badge: number | null };
type Clients = { desk: string; inspector: string };

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

async function get<T>(url: string, token: string): Promise<T> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Segments that ended today in the unit, as the per-unit figures show them. */
async function handledToday(api: string, token: string): Promise<number> {
  const body = await get<{ units: { unitId: string; segments: number }[] }>(`${api}/v1/stats/units?from=${today()}&to=${today()}`, token);
  return body.units.find((u) => u.unitId === UNIT)?.segments ?? 0;
}

async function until(read: () => Promise<boolean>, everyMs: number, t0: number): Promise<number | null> {
  while (performance.now() - t0 < GIVE_UP_MS) {
    if (await read()) return performance.now() - t0;
    await sleep(everyMs);
  }
  return null;
}

/**
 * One probe: a desk clerk received the dossier two weeks ago (due a week ago) and now hands it to
 * the specialist. From the moment the API acknowledges the hand-over, as the inspector sees it:
 * (a) the dossier's overdue flag in /v1/flags, (b) the unit's figures for today counting the desk
 * clerk's ended custody, (c) the badge on that row of the list page in Chromium, with the
 * inspector signed in to the extension and the page reloaded every 250 ms.
 */
async function probe(api: string, tokens: Clients, code: string, page: Page | null, listUrl: string): Promise<Sample> {
  const before = await handledToday(api, tokens.inspector);
  const t = Date.now();
  const fields = {
    procedureCode: '1.001193.000.00.00.H32',
    status: 'Đang xử lý',
    step: 'Tiếp nhận hồ sơ',
    appointmentAt: new Date(t - 7 * DAY).toISOString(),
  };
  const events = [
    {
      id: randomUUID(),
      kind: 'action',
      action: 'receive',
      at: new Date(t - 14 * DAY).toISOString(),
      dossierCode: code,
      profile: PROFILE,
      fields,
    },
    {
      id: randomUUID(),
      kind: 'action',
      action: 'forward',
      toAccount: 'chuyenvien1',
      at: new Date(t).toISOString(),
      dossierCode: code,
      profile: PROFILE,
      fields,
    },
  ];
  const res = await fetch(`${api}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.desk}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sentAt: new Date().toISOString(), events }),
  });
  const body = (await res.json()) as { accepted?: number };
  if (!res.ok || body.accepted !== 2) throw new Error(`probe not accepted: ${res.status} ${JSON.stringify(body)}`);
  const t0 = performance.now();
  const flag = until(
    async () => {
      const f = await get<{ flags: { dossierCode: string }[] }>(`${api}/v1/flags?rule=overdue&unitId=${UNIT}&limit=200`, tokens.inspector);
      return f.flags.some((x) => x.dossierCode === code);
    },
    POLL_MS,
    t0,
  );
  const figures = until(async () => (await handledToday(api, tokens.inspector)) > before, POLL_MS, t0);
  const badge = page
    ? until(
        async () => {
          await page.goto(listUrl);
          await page.waitForSelector('dossier-pulse-pill', { state: 'attached', timeout: 10_000 });
          // The badges are drawn once the flags come back from the service worker.
          for (let i = 0; i < 4; i++) {
            const found = await page.evaluate(
              (c) => !!document.querySelector('dossier-pulse-overlay')?.shadowRoot?.querySelector(`.badge[data-code="${c}"]`),
              code,
            );
            if (found) return true;
            await sleep(50);
          }
          return false;
        },
        RELOAD_MS,
        t0,
      )
    : Promise.resolve(null);
  const [a, b, c] = await Promise.all([flag, figures, badge]);
  return { flag: a, figures: b, badge: c };
}

/**
 * Freshness: how long after an accepted action the product shows it, idle and while the soak's
 * load runs (its clerks sending every 4–6 s), on PostgreSQL with the API's own background
 * derivation, as deployed.
 */
export async function runFreshnessBench(
  report: Report,
  opts: { samples: number; clerks: number; chromium: boolean; log: (s: string) => void },
): Promise<void> {
  const database = await scratchDatabase('dp_bench_fresh');
  let api: ChildServer | null = null;
  let browser: ExtensionBrowser | null = null;
  const list = await startListServer(ROWS);
  try {
    api = await startApiProcess({ databaseUrl: database.url }, { env: { DEMO: '1' } });
    const storage = await openStorage({ kind: 'postgres', url: database.url }, { poolSize: 2 });
    const loadOfficials = await seedOfficials(storage.db, opts.clerks, 'fresh-');
    const tokens: Clients = { desk: await apiLogin(api.url, 'motcua1'), inspector: await apiLogin(api.url, 'thanhtra') };
    let page: Page | null = null;
    if (opts.chromium && existsSync(EXTENSION_DIR)) {
      browser = await launchWithExtension();
      await signInExtension(browser, api.url, 'thanhtra');
      page = await browser.context.newPage();
    } else report.note('freshness: badge not measured (no Chromium or no built extension)');

    let next = 0;
    const run = async (label: string) => {
      const out: Sample[] = [];
      for (let i = 0; i < opts.samples; i++) {
        out.push(await probe(api!.url, tokens, codeOf(next++), page, list.url + LIST_PATH));
        await sleep(300);
      }
      opts.log(`  freshness ${label}: flag ${out.map((s) => s.flag?.toFixed(0) ?? 'none').join(' ')} ms`);
      return out;
    };
    opts.log(`freshness: ${opts.samples} probes at rest`);
    const idle = await run('at rest');
    opts.log(`freshness: ${opts.samples} probes while ${opts.clerks} clerks send`);
    const rng = createPrng(77);
    let stopped = false;
    const outboxes = loadOfficials.map((o) => createOutboxClient({ baseUrl: () => api!.url, token: o.token, maxBatch: 500 }));
    const clerks = Promise.all(outboxes.map((client, i) => clerkAtWork(client, rng.fork(i), i, () => stopped)));
    const backlog: number[] = [];
    const sampler = setInterval(
      () =>
        void queueLength(storage.db).then(
          (n) => backlog.push(n),
          () => undefined,
        ),
      2000,
    );
    // Let the clerks start (each waits up to 5 s) and the backlog build.
    await sleep(8000);
    let loaded: Sample[];
    try {
      loaded = await run('under load');
    } finally {
      stopped = true;
      clearInterval(sampler);
      opts.log(`  freshness: derivation backlog every 2 s under load: ${backlog.join(' ')}`);
      await clerks;
      await storage.close();
    }
    report.add({
      section: 'freshness',
      name: 'derivation backlog under the load, max (dossiers waiting)',
      value: Math.max(0, ...backlog),
      note: `every 2 s: ${backlog.join(' ')}`,
    });
    const sent = outboxes.reduce((n, c) => n + c.totals().accepted, 0);
    report.add({
      section: 'freshness',
      name: `the load: ${opts.clerks} clerks sending every 4–6 s (as in the soak), events accepted`,
      value: sent,
    });

    // A change not seen within GIVE_UP_MS counts as never: the p95 is then infinite.
    const p95 = (xs: (number | null)[]) => (xs.some((x) => x === null) ? Number.POSITIVE_INFINITY : percentile(xs as number[], 0.95));
    const p50 = (xs: (number | null)[]) =>
      percentile(
        xs.filter((x): x is number => x !== null),
        0.5,
      );
    const missing = (xs: (number | null)[]) => xs.filter((x) => x === null).length;
    for (const [label, samples, flagTarget] of [
      ['at rest', idle, 'freshness-flag-idle'],
      ['under the soak load', loaded, 'freshness-flag-load'],
    ] as const) {
      const n = samples.length;
      for (const [what, xs, target] of [
        ['its flag in /v1/flags', samples.map((s) => s.flag), flagTarget],
        ["the unit's figures for today", samples.map((s) => s.figures), null],
        [
          `the badge on the list page in Chromium (reloaded every ${RELOAD_MS} ms)`,
          samples.map((s) => s.badge),
          page ? 'freshness-badge' : undefined,
        ],
      ] as const) {
        if (target === undefined) continue;
        const name = `${label}: action → ${what}, p95 (${n} actions)`;
        const note = `p50 ${p50(xs).toFixed(0)} ms${missing(xs) ? `; ${missing(xs)} of ${n} not seen within ${GIVE_UP_MS / 1000} s` : ''}`;
        if (target) judge(report, target, { section: 'freshness', name, value: p95(xs), unit: 'ms', note });
        else report.add({ section: 'freshness', name, value: p95(xs), unit: 'ms', headline: true, note });
      }
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await api?.kill();
    await list.close();
    await database.drop();
  }
}
