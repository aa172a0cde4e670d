import type { Figure, Report } from './support/report.ts';

/**
 * Every target of the benchmark, with the scale it applies to. Targets that hold at any size
 * (ratios side by side, per-unit latencies: the scale changes the number of units, not their
 * density) are judged in every run; the others are judged only in a run of the scale whose
 * figures they were set from. The quick-scale speed-ups are set from quick runs on this machine
 * (1/100 of a province: plain SQL over a small table is fast, so the speed-up is smaller), with
 * room for noise: missing one means the code got slower, not the machine.
 */
export type RunScale = 'full' | 'quick' | 'custom';

type Threshold = { text: string; ok: (v: number) => boolean };
type Spec = { any?: Threshold; full?: Threshold; quick?: Threshold };

const atLeast = (n: number, text: string): Threshold => ({ text, ok: (v) => v >= n });
const below = (n: number, text: string): Threshold => ({ text, ok: (v) => v < n });
const atMost = (n: number, text: string): Threshold => ({ text, ok: (v) => v <= n });

export const TARGETS = {
  'rebuild-share': { any: atLeast(50, '≥ 50 %') },
  'rebuild-province': { full: below(10, '< 10 min') },
  'ingest-sqlite-share': { any: atLeast(60, '≥ 60 %') },
  'ingest-postgres-share': { any: atLeast(70, '≥ 70 %') },
  'ingest-tail': { any: atMost(4, '≤ 4 × p50') },
  'stats-p95': { any: below(50, '< 50 ms') },
  'stats-speedup-year': { full: atLeast(50, '≥ 50×'), quick: atLeast(20, '≥ 20×') },
  'stats-speedup-30d': { full: atLeast(50, '≥ 50×'), quick: atLeast(5, '≥ 5×') },
  'freshness-flag-idle': { any: below(3000, '< 3 s') },
  'freshness-flag-load': { any: below(10_000, '< 10 s') },
  'freshness-badge': { any: below(5000, '< 5 s') },
} satisfies Record<string, Spec>;
export type TargetId = keyof typeof TARGETS;

let scale: RunScale = 'full';
export function setRunScale(s: RunScale): void {
  scale = s;
}
export const runScale = (): RunScale => scale;

/**
 * Adds a figure judged against its target at this run's scale. A figure whose target belongs to
 * another scale is shown with that target and not judged. Yes/no figures (`met` given) are
 * judged at every scale.
 */
export function judge(
  report: Report,
  id: TargetId | 'equal',
  f: Omit<Figure, 'target' | 'met' | 'value'> & { value: number | string; met?: boolean },
): Figure {
  if (id === 'equal') return report.add({ ...f, id, target: 'equal (any scale)', met: f.met ?? false });
  const spec: Spec = TARGETS[id];
  const t = spec.any ?? spec[scale === 'custom' ? 'full' : scale];
  const where = spec.any ? 'any scale' : `${scale} scale`;
  if (!t || (scale === 'custom' && !spec.any)) {
    const others = (['full', 'quick'] as const).flatMap((s) => (spec[s] ? [`${spec[s]!.text} at ${s} scale`] : [])).join('; ');
    return report.add({ ...f, id, target: `${others} (not judged at this scale)`, met: null });
  }
  return report.add({ ...f, id, target: `${t.text} (${where})`, met: typeof f.value === 'number' && t.ok(f.value) });
}
