import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** One line of the benchmark table; `met` is null for figures that have no target of their own. */
export type Figure = {
  section: string;
  name: string;
  value: number | string;
  unit?: string;
  target?: string;
  met?: boolean | null;
  note?: string;
  /** Names the target the figure was judged against (tests/bench/targets.ts). */
  id?: string;
  /** A figure without a target that the README's table shows beside the judged ones. */
  headline?: boolean;
};

export const RESULTS_DIR = resolve(import.meta.dirname, '../results');

export function createReport() {
  const figures: Figure[] = [];
  const notes: string[] = [];
  return {
    figures,
    notes,
    add(f: Figure): Figure {
      figures.push(f);
      return f;
    },
    note(line: string) {
      notes.push(line);
    },
  };
}
export type Report = ReturnType<typeof createReport>;

export function show(v: number | string, unit?: string): string {
  if (typeof v === 'string') return v;
  if (!Number.isFinite(v)) return unit ? `never (${unit})` : 'never';
  const text = Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : String(Math.round(v * 100) / 100);
  return unit ? `${text} ${unit}` : text;
}

/** A plain-text table: figure, value, target, met — wide enough for a terminal and a log. */
export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    `${f.section} · ${f.name}`,
    show(f.value, f.unit),
    f.target ?? '',
    f.met === undefined || f.met === null ? '' : f.met ? 'yes' : 'NO',
  ]);
  const head = ['figure', 'value', 'target', 'met'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function writeResults(report: Report, meta: Record<string, unknown>, file = 'latest.json'): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, file);
  const text = JSON.stringify({ ...meta, figures: report.figures, notes: report.notes }, null, 2) + '\n';
  writeFileSync(path, text);
  // Also under the run's mode (default.json, quick.json, soak.json): the README's table combines a default run and a soak run.
  if (typeof meta.mode === 'string') writeFileSync(join(RESULTS_DIR, `${meta.mode}.json`), text);
  return path;
}
