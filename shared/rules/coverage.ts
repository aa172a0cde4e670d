import type { StoredEvent } from '../custody/types.ts';
import { eventEnd } from './custody-view.ts';
import type { RuleInput } from './types.ts';

/**
 * Since when an official's extension has been silent: the later of the coverage report (their
 * last event anywhere) and their last event on this dossier. -Infinity when they were never seen;
 * null when the caller gave no coverage, so nothing can be said either way.
 */
export function silentSince(input: RuleInput, officialId: string, events: readonly StoredEvent[]): number | null {
  if (input.coverage === undefined) return null;
  let last = input.coverage[officialId] ?? Number.NEGATIVE_INFINITY;
  for (const e of events) if (e.officialId === officialId) last = Math.max(last, eventEnd(e));
  return Math.min(last, input.now);
}

/**
 * Working seconds of [from, to] inside a coverage gap: a silence of the official's extension
 * longer than coverage_gap.silentHours that is still going on. Shorter silences are normal
 * (lunch, a meeting); only a long one means the time was not measured.
 */
export function coverageGapSeconds(input: RuleInput, officialId: string, from: number, to: number, events: readonly StoredEvent[]): number {
  const silent = silentSince(input, officialId, events);
  if (silent === null || silent >= to) return 0;
  const threshold = input.settings.coverage_gap.silentHours * 3600;
  if (Number.isFinite(silent) && input.clock.workingSecondsBetween(silent, input.now) <= threshold) return 0;
  return input.clock.workingSecondsBetween(Math.max(from, silent), to);
}
