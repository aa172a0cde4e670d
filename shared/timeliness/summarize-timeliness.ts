import { TIMELINESS_STATES } from './types.ts';
import type { DossierTimeliness, TimelinessState, TimelinessSummary } from './types.ts';

const UNFINISHED_LATE: ReadonlySet<TimelinessState> = new Set(['in_progress_late', 'paused_late']);

/**
 * Counts and shares for a unit's period, as the index reports them. Shares are over finished
 * dossiers (early + on time + late); `unknown` dossiers count in total and unfinished only when
 * they are unfinished, never in a share, because an absent appointment says nothing either way.
 */
export function summarizeTimeliness(classifications: readonly DossierTimeliness[]): TimelinessSummary {
  const counts = Object.fromEntries(TIMELINESS_STATES.map((s) => [s, 0])) as Record<TimelinessState, number>;
  let handlingTotal = 0;
  let handlingSamples = 0;
  let unfinished = 0;
  let unfinishedLate = 0;
  for (const c of classifications) {
    counts[c.state] += 1;
    if (c.finishedAt === null) {
      unfinished += 1;
      if (UNFINISHED_LATE.has(c.state)) unfinishedLate += 1;
    }
    if (c.finishedAt !== null && c.handlingSeconds !== null) {
      handlingTotal += c.handlingSeconds;
      handlingSamples += 1;
    }
  }
  const finished = counts.early + counts.on_time + counts.late;
  const share = (n: number): number => n / finished;
  const average = handlingSamples > 0 ? handlingTotal / handlingSamples : null;
  return {
    total: classifications.length,
    counts,
    finished,
    unfinished,
    shares:
      finished === 0
        ? null
        : {
            early: share(counts.early),
            onTime: share(counts.on_time),
            late: share(counts.late),
            earlyOrOnTime: share(counts.early + counts.on_time),
          },
    unfinishedLateShare: unfinished === 0 ? null : unfinishedLate / unfinished,
    averageHandlingSeconds: average,
    averageHandlingHours: average === null ? null : average / 3600,
    handlingSamples,
  };
}
