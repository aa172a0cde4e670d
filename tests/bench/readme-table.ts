/**
 * `node tests/bench/readme-table.ts [results.json …]` writes the README's benchmark table from
 * the benchmark's JSON output (default: tests/bench/results/latest.json), between the markers
 * `<!-- bench-table:begin -->` and `<!-- bench-table:end -->`, so the table is never typed by
 * hand. Several files (a default run and a soak run) give one table, each file's rows under a
 * line naming the run. Rows: every figure judged against a target, the headline figures, and the
 * derivation's figures with their limits.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RESULTS_DIR, show, type Figure } from './support/report.ts';

const README = resolve(import.meta.dirname, '../../README.md');
const BEGIN = '<!-- bench-table:begin -->';
const END = '<!-- bench-table:end -->';

type Results = {
  at: string;
  mode: string;
  elapsedSeconds: number;
  machine: { cpus: number; cpu?: string; memoryGb: number; node: string; loadAtStart?: number[]; loadAtEnd?: number[] };
  figures: Figure[];
};

const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');
const short = (s: string | undefined) => (s && s.length <= 140 ? s : s ? `${s.slice(0, 137)}…` : '');

export function tableOf(runs: readonly Results[]): string {
  const lines = ['| figure | value | target | met |', '|---|---|---|---|'];
  for (const r of runs) {
    const m = r.machine;
    const when = new Date(r.at).toISOString().slice(0, 16).replace('T', ' ');
    const load = m.loadAtStart ? `, load average ${m.loadAtStart[0]} at start, ${m.loadAtEnd?.[0]} at the end` : '';
    lines.push(
      `| **${r.mode} run, ${when} UTC, ${Math.round(r.elapsedSeconds / 60)} min; ${m.cpus} × ${m.cpu ?? 'CPU'}, ${m.memoryGb} GB, Node ${m.node}${load}** | | | |`,
    );
    for (const f of r.figures) {
      // The derivation's limits stand beside the rebuild they bound.
      if (f.met === undefined && !f.headline && f.section !== 'derive') continue;
      const value = show(f.value, f.unit) + (f.note ? ` (${short(f.note)})` : '');
      lines.push(
        `| ${cell(`${f.section} · ${f.name}`)} | ${cell(value)} | ${cell(f.target ?? '—')} | ${f.met === true ? 'yes' : f.met === false ? '**no**' : '—'} |`,
      );
    }
  }
  return lines.join('\n');
}

if (import.meta.main) {
  const files = process.argv.slice(2).length ? process.argv.slice(2) : [join(RESULTS_DIR, 'latest.json')];
  const runs = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as Results);
  const readme = readFileSync(README, 'utf8');
  const from = readme.indexOf(BEGIN);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) throw new Error(`README.md has no ${BEGIN} … ${END} markers`);
  writeFileSync(README, `${readme.slice(0, from + BEGIN.length)}\n${tableOf(runs)}\n${readme.slice(to)}`);
  console.log(`README.md: benchmark table from ${files.join(', ')}`);
}
