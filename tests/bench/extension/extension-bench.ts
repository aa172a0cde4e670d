import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { EXTENSION_DIR, launchWithExtension, signInExtension } from '../../support/browser.ts';
import { REPO } from '../support/api-process.ts';
import { percentile } from '../support/measure.ts';
import type { Report } from '../support/report.ts';
import { attribute, extensionLongTasks, type Task } from './attribute.ts';
import { codeOf, LIST_PATH, startListServer } from './list-page.ts';
import { startFlaggedApi } from './flagged-api.ts';
import { startTrace, stopTrace, type TraceEvent } from './trace.ts';
import { breakdown } from './breakdown.ts';
import { ROWS_AT_FIRST } from '../../../extension/capture/reach.ts';

const CONTENT_JS = join(EXTENSION_DIR, 'content-scripts/content.js');
/** Page loads measured for the figure at load (its median). */
const LOADS = 7;

/** Builds the extension when there is no build; a stale build is rebuilt only when asked. */
let built = false;
export function ensureBuilt(rebuild: boolean, report: Report, log: (s: string) => void): void {
  if (built) return;
  built = true;
  if (existsSync(join(EXTENSION_DIR, 'manifest.json')) && !rebuild) {
    report.note(
      `extension: measured the existing build in .output/chrome-mv3 (built ${statSync(join(EXTENSION_DIR, 'manifest.json')).mtime.toISOString()}); --build-ext rebuilds it first`,
    );
    return;
  }
  log('extension: npx wxt build');
  const r = spawnSync('npx', ['wxt', 'build'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`wxt build failed: ${r.stderr || r.stdout}`);
}

/**
 * The content script in real Chromium on a 1,000-row list of the simulated classic back-office:
 * its work at load and on each change (the MutationObserver-triggered rescan), its share of the
 * main thread while the list re-renders continuously, and the long tasks it causes. Time is
 * attributed from V8's sampling profiler in a trace, so the extension's code is measured as built.
 */
export async function runExtensionBench(
  report: Report,
  opts: { rows: number; rescans: number; rerenderSeconds: number; build: boolean; log: (s: string) => void },
): Promise<void> {
  ensureBuilt(opts.build, report, opts.log);
  const gz = gzipSync(readFileSync(CONTENT_JS), { level: 9 }).length;
  report.add({
    section: 'extension',
    name: 'content script size, gzipped (content-scripts/content.js)',
    value: gz / 1024,
    unit: 'KB',
    target: '≤ 30 KB',
    met: gz <= 30 * 1024,
  });

  const server = await startListServer(opts.rows);
  // One row in seven carries an open flag: the content script badges those rows.
  const flagged = Array.from({ length: opts.rows }, (_, i) => i)
    .filter((i) => i % 7 === 0)
    .map(codeOf);
  opts.log(`extension: API with open flags on ${flagged.length} of the ${opts.rows} dossiers`);
  const api = await startFlaggedApi(flagged);
  const browser = await launchWithExtension();
  try {
    await signInExtension(browser, api.url, 'chuyenvien1');
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    opts.log(`extension: ${opts.rows}-row list, load + ${opts.rescans} changes`);
    await startTrace(cdp);
    await page.goto(server.url + LIST_PATH);
    // The content script starts at document_idle and first asks the service worker for its
    // profiles; its pill appears as the first scan starts. The scan reads the rows in slices that
    // yield to the page; the wait covers them, the flags' round trip and the badges' placement.
    await page.waitForSelector('dossier-pulse-pill', { state: 'attached', timeout: 60_000 });
    await page.waitForTimeout(500);
    for (let i = 0; i < opts.rescans; i++) {
      // A one-character change on the page, outside every row: the watcher's observer schedules a
      // rescan, which reads the page's head again and no row.
      await page.evaluate((n) => {
        performance.mark(`bench-change-${n}`);
        document.getElementById('bench-tick')!.textContent = String(n);
      }, i);
      await page.waitForTimeout(600);
    }
    await page.evaluate(() => performance.mark('bench-end'));
    const staticEvents = await stopTrace(cdp);
    const staticTrace = attribute(staticEvents);
    const at = (name: string) => staticTrace.marks.get(name);
    // All of the content script's main-thread time between two marks: the scan, the badges drawn
    // when the flags come back, and their placement in the next frame.
    const spent = (from: number, to: number) => staticTrace.tasks.filter((t) => t.ts >= from && t.ts < to).reduce((m, t) => m + t.ext, 0);
    if (at('bench-change-0') === undefined || staticTrace.extMs === 0)
      throw new Error('no content-script activity or marks in the trace (is the extension loaded?)');
    const loadScan = spent(-Infinity, at('bench-change-0')!);
    const rescanTimes = Array.from({ length: opts.rescans }, (_, i) =>
      spent(at(`bench-change-${i}`)!, at(i + 1 < opts.rescans ? `bench-change-${i + 1}` : 'bench-end')!),
    );
    if (process.env.DP_BENCH_BREAKDOWN) printBreakdown(staticEvents, staticTrace.tasks, at, opts.rescans, opts.log);
    const badgeCount = () =>
      page.evaluate(() => document.querySelector('dossier-pulse-overlay')?.shadowRoot?.querySelectorAll('.badge').length ?? 0);
    // A long list is read as far as the official scrolls: at load, its first rows.
    const nearFlagged = flagged.filter((c) => Number(c.slice(-4)) <= ROWS_AT_FIRST).length;
    const badges = await badgeCount();
    report.add({
      section: 'extension',
      name: `rows badged after load (flagged among the first ${ROWS_AT_FIRST} rows, read at load)`,
      value: badges,
      target: String(nearFlagged),
      met: badges === nearFlagged,
    });
    // Wall time with a content-script frame on the stack, so it includes the thread being
    // preempted on a busy machine; the on-CPU estimate scales each task by its CPU share.
    const loads = [
      { wall: loadScan, cpu: staticTrace.tasks.filter((t) => t.ts < at('bench-change-0')!).reduce((m, t) => m + t.ext * t.cpu, 0) },
    ];
    report.add({
      section: 'extension',
      name: `re-annotate the ${opts.rows}-row list after a change, p50 (${rescanTimes.length} changes)`,
      value: percentile(rescanTimes, 0.5),
      unit: 'ms',
      target: '< 16 ms',
      met: percentile(rescanTimes, 0.5) < 16,
    });
    report.add({
      section: 'extension',
      name: `re-annotate the ${opts.rows}-row list after a change, max`,
      value: Math.max(...rescanTimes),
      unit: 'ms',
      target: '< 16 ms',
      met: Math.max(...rescanTimes) < 16,
    });
    if (rescanTimes.some((t) => t === 0)) report.note('extension: some changes produced no rescan in the trace');
    // Same-run yardstick: the page itself reading the same five fields of every row, untraced.
    const { ms: floor } = await page.evaluate(() => {
      const runs: number[] = [];
      let chars = 0;
      for (let k = 0; k < 7; k++) {
        const t0 = performance.now();
        for (const row of document.querySelectorAll('table#dsHoSo tr.hs-row')) {
          for (const sel of ['a.lnk-mahoso', '.mathutuc', '.trangthai', '.buocxuly', '.thoigian'])
            chars += row.querySelector(sel)?.textContent?.length ?? 0;
        }
        runs.push(performance.now() - t0);
      }
      // The characters read are returned so the loop cannot be optimised away.
      return { ms: runs.sort((a, b) => a - b)[3]!, chars };
    });
    report.add({
      section: 'extension',
      name: `yardstick: the page reading the same 5 fields of ${opts.rows} rows (untraced)`,
      value: floor,
      unit: 'ms',
    });
    report.add({ section: 'extension', name: 're-annotate p50 ÷ yardstick', value: percentile(rescanTimes, 0.5) / floor, unit: '×' });

    // Scrolling to the end, a screen at a time: the rows below are read as they come near.
    opts.log('extension: scrolling through the list');
    await startTrace(cdp);
    const screens = await page.evaluate(async () => {
      let n = 0;
      while (window.scrollY + window.innerHeight < document.documentElement.scrollHeight - 1) {
        window.scrollBy(0, window.innerHeight);
        n++;
        await new Promise((r) => setTimeout(r, 60));
      }
      return n;
    });
    await page.waitForTimeout(1000);
    const scrolled = attribute(await stopTrace(cdp));
    const badgesAtEnd = await badgeCount();
    report.add({
      section: 'extension',
      name: `rows badged after scrolling to the end (${screens} screens)`,
      value: badgesAtEnd,
      target: String(flagged.length),
      met: badgesAtEnd === flagged.length,
    });
    report.add({
      section: 'extension',
      name: 'scrolling: content script time per screen scrolled, mean',
      value: scrolled.extMs / Math.max(1, screens),
      unit: 'ms',
    });
    const longestScroll = Math.max(0, ...scrolled.tasks.map((t) => t.ext * t.cpu));
    report.add({
      section: 'extension',
      name: "scrolling: content script's longest task, CPU time",
      value: longestScroll,
      unit: 'ms',
      target: '< 16 ms',
      met: longestScroll < 16,
      note: `wall time ${Math.max(0, ...scrolled.tasks.map((t) => t.ext)).toFixed(1)} ms`,
    });

    // The same list loaded again, as an official does through the day: each load traced alone.
    for (let k = 1; k < LOADS; k++) {
      await page.evaluate(() => window.scrollTo(0, 0));
      await startTrace(cdp);
      await page.goto(server.url + LIST_PATH);
      await page.waitForSelector('dossier-pulse-pill', { state: 'attached', timeout: 60_000 });
      await page.waitForTimeout(500);
      await page.evaluate(() => performance.mark('bench-loaded'));
      const events = await stopTrace(cdp);
      const again = attribute(events);
      const until = again.marks.get('bench-loaded')!;
      const mine = again.tasks.filter((t) => t.ts < until);
      if (process.env.DP_BENCH_BREAKDOWN && k === LOADS - 1)
        opts.log(`breakdown: load ${k + 1} of ${LOADS}\n${breakdown(events, -Infinity, until, readFileSync(CONTENT_JS, 'utf8'))}`);
      loads.push({ wall: mine.reduce((m, t) => m + t.ext, 0), cpu: mine.reduce((m, t) => m + t.ext * t.cpu, 0) });
    }
    // Judged on CPU time: on two cores the renderer's main thread is on a CPU for only a third to
    // two thirds of each task's wall time while the page loads (the browser, the service worker
    // and the API run beside it), so identical loads differ threefold in wall time.
    const cpu = percentile(
      loads.map((l) => l.cpu),
      0.5,
    );
    const share = (l: (typeof loads)[number]) => `${l.cpu.toFixed(1)} of ${l.wall.toFixed(1)}`;
    report.add({
      section: 'extension',
      name: `annotate a ${opts.rows}-row list at page load (init, scan, badges): CPU time, median of ${LOADS} loads`,
      value: cpu,
      unit: 'ms',
      target: '< 16 ms',
      met: cpu < 16,
    });
    report.add({
      section: 'extension',
      name: '  the same, wall time with the script on the stack (includes waiting for a CPU)',
      value: percentile(
        loads.map((l) => l.wall),
        0.5,
      ),
      unit: 'ms',
    });
    report.add({
      section: 'extension',
      name: '  the first load, in a browser just started: CPU time',
      value: loads[0]!.cpu,
      unit: 'ms',
      note: `each load, CPU of wall ms: ${loads.map(share).join(', ')}`,
    });

    opts.log(`extension: re-rendering list for ${opts.rerenderSeconds} s`);
    await page.goto(server.url + LIST_PATH + '&bench=rerender');
    await page.waitForSelector('dossier-pulse-pill', { state: 'attached', timeout: 60_000 });
    await page.waitForTimeout(1000);
    const rendersBefore = (await page.evaluate(() => (window as unknown as { __benchRenders: number }).__benchRenders)) ?? 0;
    await startTrace(cdp);
    await page.waitForTimeout(opts.rerenderSeconds * 1000);
    const live = attribute(await stopTrace(cdp));
    const renders = (await page.evaluate(() => (window as unknown as { __benchRenders: number }).__benchRenders)) - rendersBefore;
    report.add({
      section: 'extension',
      name: `re-rendering list: content script share of main-thread busy time`,
      value: `${((live.extMs / live.busyMs) * 100).toFixed(1)} %`,
      note: `${live.extMs.toFixed(0)} of ${live.busyMs.toFixed(0)} ms busy`,
    });
    report.add({
      section: 'extension',
      name: `re-rendering list: content script ms per second of wall time`,
      value: (live.extMs / live.windowMs) * 1000,
      unit: 'ms/s',
    });
    report.add({
      section: 'extension',
      name: `re-rendering list: page renders done (of ${opts.rerenderSeconds * 4} scheduled)`,
      value: renders,
    });

    const long: Task[] = [
      ...extensionLongTasks(staticTrace.tasks),
      ...extensionLongTasks(scrolled.tasks),
      ...extensionLongTasks(live.tasks),
    ];
    const worst = Math.max(0, ...[...staticTrace.tasks, ...scrolled.tasks, ...live.tasks].map((t) => t.ext * t.cpu));
    const worstWall = Math.max(0, ...[...staticTrace.tasks, ...scrolled.tasks, ...live.tasks].map((t) => t.ext));
    report.add({
      section: 'extension',
      name: 'long tasks (> 50 ms of CPU) caused by the content script',
      value: long.length,
      target: '0',
      met: long.length === 0,
      note: long.length
        ? long.map((t) => `${t.dur.toFixed(0)} ms task, ${t.ext.toFixed(0)} ms of it the script's (CPU)`).join('; ')
        : undefined,
    });
    report.add({
      section: 'extension',
      name: "content script's longest single stretch in one task, CPU time",
      value: worst,
      unit: 'ms',
      target: '≤ 50 ms',
      met: worst <= 50,
      note: `wall time ${worstWall.toFixed(1)} ms`,
    });
    report.note(
      `extension: signed in as chuyenvien1 against the real API; the content script reads the list's first ${ROWS_AT_FIRST} rows at load and more as the official scrolls near them (in slices that yield to the page), then, 250 ms after a DOM change, only the rows the change touched; it asks the background for flags when the rows change and badges flagged rows. Times come from a trace with V8 sampling at ~100 µs, which itself slows JavaScript slightly.`,
    );
  } finally {
    await browser.close();
    await server.close();
    await api.close();
  }
}

/** Diagnostics (`DP_BENCH_BREAKDOWN=1`): the script's tasks and sampled time per function, at load and after the changes. */
function printBreakdown(
  events: TraceEvent[],
  tasks: readonly Task[],
  at: (name: string) => number | undefined,
  rescans: number,
  log: (s: string) => void,
): void {
  const source = readFileSync(CONTENT_JS, 'utf8');
  const first = at('bench-change-0')!;
  const end = at('bench-end')!;
  const show = (from: number, to: number) => {
    const mine = tasks.filter((t) => t.ts >= from && t.ts < to && t.ext > 0.2);
    const zero = Number.isFinite(from) ? from : (mine[0]?.ts ?? 0);
    return mine.map((t) => `${((t.ts - zero) / 1000).toFixed(1)}ms:${t.dur.toFixed(1)}/${t.ext.toFixed(1)}`).join(' ');
  };
  log(`breakdown: load tasks (start:dur/ext ms) ${show(-Infinity, first)}`);
  log(`breakdown: load\n${breakdown(events, -Infinity, first, source)}`);
  log(`breakdown: change tasks ${show(first, at('bench-change-1') ?? end)}`);
  log(`breakdown: all ${rescans} changes\n${breakdown(events, first, end, source)}`);
}
