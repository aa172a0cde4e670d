import { addWorkingSeconds } from '../timeliness/working-time.ts';
import { coverageGapSeconds } from './coverage.ts';
import { blameStart, currentSegment, dossierEvents, eventEnd } from './custody-view.ts';
import { createFlag, escalate, toHours } from './flag.ts';
import type { Flag, RuleInput } from './types.ts';

/**
 * The current holder has not acted for more than `idleHours` of working time while holding it.
 * Idle time starts at their last action (or active handling, when enabled: examining a file for
 * days without pressing a button is work) or where blame may start, never before.
 */
export function idleAtHolderRule(input: RuleInput): Flag[] {
  const cfg = input.settings.idle_at_holder;
  if (!cfg.enabled) return [];
  const segment = currentSegment(input.timeline);
  if (segment === null) return [];
  const { clock, now } = input;
  const events = dossierEvents(input);
  const start = blameStart(segment, events);
  let idleFrom = start;
  let lastId: string | undefined = segment.eventIds[0];
  for (const e of events) {
    if (e.officialId !== segment.holderId) continue;
    if (!(e.kind === 'action' || (cfg.activeCountsAsAction && e.kind === 'active'))) continue;
    const t = Math.min(eventEnd(e), now);
    if (t >= idleFrom) {
      idleFrom = t;
      lastId = e.id;
    }
  }
  const idle = clock.workingSecondsBetween(idleFrom, now);
  const threshold = cfg.idleHours * 3600;
  if (!(idle > threshold)) return [];
  const over = idle - threshold;
  const gap = coverageGapSeconds(input, segment.holderId, idleFrom, now, events);
  const blamed = !(gap > 0 && gap >= input.settings.coverage_gap.excuseShare * over);
  return [
    createFlag(input, {
      rule: 'idle_at_holder',
      since: addWorkingSeconds(clock, idleFrom, threshold),
      officialId: segment.holderId,
      // Time nobody could measure is reported, never escalated.
      severity: blamed ? escalate(over / 3600, cfg.severity) : 'info',
      hoursOver: toHours(over),
      evidence: [segment.eventIds[0], lastId],
      details: {
        idleSince: idleFrom,
        idleHours: toHours(idle),
        heldSince: start,
        blamed,
        ...(blamed ? {} : { reason: 'coverage_gap', coverageGapHours: toHours(gap) }),
      },
    }),
  ];
}
