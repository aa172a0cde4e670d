/**
 * How much more likely a risky dossier is to be drawn. Every dossier keeps the base weight, so
 * any of them can be inspected: an official cannot stay out of the sample by keeping flags away.
 * The parameters are stored with each inspection, so a draw can be replayed after they change.
 */
export const WEIGHTING = {
  version: 1,
  base: 1,
  /** Per open flag, by severity. */
  severity: { critical: 8, warning: 3, info: 1 } as Record<string, number>,
  /** A dossier late now (finished late, or still open or paused past its appointment). */
  late: 4,
  /** Plus this per calendar day past the (pause-shifted) appointment, up to `maxDaysLate`. */
  perDayLate: 0.5,
  maxDaysLate: 30,
} as const;
export type Weighting = typeof WEIGHTING;

const LATE_STATES = new Set(['late', 'in_progress_late', 'paused_late']);

export type RiskInput = {
  timeliness: string | null;
  effectiveAppointmentAt: number | null;
  finishedAt: number | null;
  /** Open flags per severity. */
  openFlags: Record<string, number>;
};

export type Risk = { openFlags: Record<string, number>; late: boolean; daysLate: number; weight: number };

/** Weights are rounded to 1/1000 so that stored, replayed and recomputed weights are the same number. */
export function riskWeight(r: RiskInput, now: number, w: Weighting = WEIGHTING): Risk {
  let weight = w.base;
  for (const [severity, n] of Object.entries(r.openFlags)) weight += (w.severity[severity] ?? 0) * n;
  const late = r.timeliness !== null && LATE_STATES.has(r.timeliness);
  let daysLate = 0;
  if (late) {
    const end = r.finishedAt ?? now;
    daysLate = r.effectiveAppointmentAt === null ? 0 : Math.min(w.maxDaysLate, Math.max(0, (end - r.effectiveAppointmentAt) / 86_400_000));
    daysLate = Math.round(daysLate * 100) / 100;
    weight += w.late + w.perDayLate * daysLate;
  }
  return { openFlags: r.openFlags, late, daysLate, weight: Math.round(weight * 1000) / 1000 };
}
