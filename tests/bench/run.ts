/**
 * `npm run bench` — performance figures, each beside a limit measured in the same run (these
 * machines are noisy: the ratios are what to compare between runs).
 *   --quick            smaller sizes, a few minutes in all
 *   --only=a,b         ingest, derive, stats, freshness, extension (or soak)
 *   --scale=F          province-year size for derive and stats (1 = full: 200 units, 2,000,000 dossiers)
 *   --lanes=N          parallel lanes of the rebuild on PostgreSQL (default 2)
 *   --soak             the 10-minute soak instead (--soak-minutes=N to shorten)
 *   --build-ext        rebuild the extension before measuring it
 * Prints a table and writes tests/bench/results/latest.json; exits 1 when a target is missed at
 * the run's own scale (tests/bench/targets.ts).
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH, POSTGRES_URL } from '../support/requirements.ts';
import { createReport, formatTable, writeResults, type Report } from './support/report.ts';
import { runIngestBench } from './ingest/ingest-bench.ts';
import { runDeriveBench } from './province/derive-bench.ts';
import { runStatsBench } from './province/stats-bench.ts';
import { loadProvince, type LoadedProvince } from './province/load-province.ts';
import { setRunScale } from './targets.ts';
import { describeScale, provinceScale } from './province/scale.ts';
import { ensureBuilt, runExtensionBench } from './extension/extension-bench.ts';
import { runFreshnessBench } from './freshness/freshness-bench.ts';
import { runSoak } from './soak/soak.ts';
import { postgresReachable } from './support/pg-database.ts';

const args = new Map(
  process.argv.slice(2).map((a) => (a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, 'true'])),
);
const known = new Set(['--quick', '--only', '--scale', '--lanes', '--soak', '--soak-minutes', '--build-ext']);
for (const k of args.keys()) if (!known.has(k)) throw new Error(`unknown option ${k}; see the header of tests/bench/run.ts`);
const quick = args.has('--quick');
// Targets are judged at the scale they were set for (tests/bench/targets.ts).
setRunScale(args.has('--scale') && Number(args.get('--scale')) !== (quick ? 0.01 : 1) ? 'custom' : quick ? 'quick' : 'full');
const only = args.get('--only')?.split(',');
const want = (name: string) => (only ? only.includes(name) : name !== 'soak' || args.has('--soak'));
const started = performance.now();
// The machine is shared: its load beside the figures says how far to trust absolute times.
const loadAtStart = loadavg().map((l) => Math.round(l * 100) / 100);
const log = (s: string) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}\n`);

/**
 * One province-year per run (1/100 in a quick run, the full one by default): its raw events are
 * loaded, derivation is measured by rebuilding every derived row from them, and the stats are
 * measured on what the rebuild wrote.
 */
async function provinceSection(report: Report, postgres: boolean): Promise<void> {
  if (!postgres) return report.note('derive and stats skipped: PostgreSQL not reachable at ' + POSTGRES_URL);
  const scale = provinceScale(Number(args.get('--scale') ?? (quick ? 0.01 : 1)));
  log(`province: generating ${describeScale(scale)} into PostgreSQL`);
  const loaded = await loadProvince(scale, { log });
  try {
    const t = loaded.timings;
    report.add({ section: 'derive', name: `province-year generated: ${describeScale(scale)}`, value: loaded.events, unit: 'events' });
    report.add({
      section: 'derive',
      name: 'raw events generated and loaded (not measured: the input)',
      value: t.totalMs / 1000,
      unit: 's',
      note: `generate ${(t.generateMs / 1000).toFixed(0)} s, COPY ${(t.copyMs / 1000).toFixed(0)} s, index ${(t.indexMs / 1000).toFixed(0)} s`,
    });
    await runDeriveBench(report, loaded, { lanes: args.has('--lanes') ? Number(args.get('--lanes')) : undefined, log });
    if (want('stats')) await runStatsBench(report, loaded, { rounds: quick ? 4 : 8, log });
  } finally {
    await closeProvince(loaded);
  }
}

async function closeProvince(p: LoadedProvince) {
  await p.storage.close();
  await p.database.drop();
}

async function main() {
  const report = createReport();
  const postgres = await postgresReachable();
  const chromium = existsSync(CHROMIUM_PATH);
  const sections: string[] = [];
  // A section that fails is noted and fails the run; the others still run.
  const section = async (name: string, run: () => Promise<unknown>) => {
    sections.push(name);
    try {
      await run();
    } catch (e) {
      report.note(`FAILED (${name}): ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      process.exitCode = 1;
    }
  };
  if (args.has('--soak')) {
    await section('soak', async () => {
      if (!postgres) throw new Error(`the soak needs PostgreSQL at ${POSTGRES_URL}`);
      await runSoak(report, { minutes: Number(args.get('--soak-minutes') ?? 10), clerks: 200, log });
    });
  } else {
    if (want('ingest')) await section('ingest', () => runIngestBench(report, { clients: 32, batches: quick ? 3 : 6, postgres, log }));
    if (want('derive') || want('stats')) await section('derive/stats', () => provinceSection(report, postgres));
    if (want('freshness')) {
      await section('freshness', async () => {
        if (!postgres) return report.note(`freshness skipped: PostgreSQL not reachable at ${POSTGRES_URL}`);
        if (chromium) ensureBuilt(args.has('--build-ext'), report, log);
        await runFreshnessBench(report, { samples: quick ? 6 : 12, clerks: quick ? 100 : 200, chromium, log });
      });
    }
    if (want('extension')) {
      await section('extension', async () => {
        if (chromium)
          await runExtensionBench(report, {
            rows: 1000,
            rescans: quick ? 5 : 12,
            rerenderSeconds: quick ? 4 : 8,
            build: args.has('--build-ext'),
            log,
          });
        else report.note(`extension skipped: no Chromium at ${CHROMIUM_PATH}`);
      });
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  const meta = {
    at: new Date().toISOString(),
    mode: quick ? 'quick' : args.has('--soak') ? 'soak' : 'default',
    sections,
    elapsedSeconds: Math.round(elapsed),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      loadAtStart,
      loadAtEnd: loadavg().map((l) => Math.round(l * 100) / 100),
    },
  };
  console.log(
    `\nDossier Pulse benchmarks — ${meta.mode}, ${meta.machine.cpus} CPUs, ${meta.machine.node}, ${elapsed.toFixed(0)} s, load average ${loadAtStart.join(' ')} at start, ${meta.machine.loadAtEnd.join(' ')} at the end\n`,
  );
  console.log(formatTable(report.figures));
  const notes = [...report.figures.filter((f) => f.note).map((f) => `${f.section} · ${f.name}: ${f.note}`), ...report.notes];
  if (notes.length) console.log('\n' + notes.map((n) => `• ${n}`).join('\n'));
  const missed = report.figures.filter((f) => f.met === false);
  const failed = report.notes.some((n) => n.startsWith('FAILED'));
  console.log(
    missed.length
      ? `\nTargets missed: ${missed.length} — ${missed.map((f) => `${f.section} · ${f.name}`).join('; ')}`
      : failed
        ? '\nA section failed (see above): its targets were not measured.'
        : '\nEvery target with a limit was met.',
  );
  console.log(`Results: ${writeResults(report, meta)}`);
  // A missed target fails the run, so `npm run bench -- --quick` can gate a change.
  if (missed.length) process.exitCode = 1;
}

await main();
