import { addWorkingSeconds } from '../timeliness/working-time.ts';
import { coverageGapSeconds } from './coverage.ts';
import { blameEnd, blamedSegment, dossierEvents, eventEnd } from './custody-view.ts';
import { createFlag, escalate, toHours } from './flag.ts';
import type { Flag, RuleInput } from './types.ts';

/**
 * The current holder has not acted for more than `idleHours` of working time while holding it.
 * Idle time starts at their last action (or active handling, when enabled: examining a file for
 * days without pressing a button is work) or at the start of their confirmed custody, never
 * before; it stops where another official's act disputes their custody (the flag stays, frozen).
 */
export function idleAtHolderRule(input: RuleInput): Flag[] {
  const cfg = input.settings.idle_at_holder;
  if (!cfg.enabled) return [];
  const segment = blamedSegment(input.timeline);
  if (segment === null) return [];
  const { clock } = input;
  const now = blameEnd(segment, input.now);
  const events = dossierEvents(input);
  const start = segment.from;
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
  const gap = segment.disputedFrom === null ? coverageGapSeconds(input, segment.holderId, idleFrom, now, events) : 0;
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
        ...(segment.disputedFrom === null ? {} : { disputedFrom: segment.disputedFrom }),
        ...(blamed ? {} : { reason: 'coverage_gap', coverageGapHours: toHours(gap) }),
      },
    }),
  ];
}
