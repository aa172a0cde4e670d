import { addWorkingSeconds } from '../timeliness/working-time.ts';
import { silentSince } from './coverage.ts';
import { blamedSegment, dossierEvents } from './custody-view.ts';
import { createFlag, escalate, toHours } from './flag.ts';
import type { Flag, RuleInput } from './types.ts';

/**
 * The holder's extension has sent nothing at all (coverage: their last event anywhere) for more
 * than `silentHours` of working time while the dossier sits in their queue. This marks the time
 * as not reliably measured, not as blame: the official may be working with the extension off,
 * on leave, or on another machine. Other rules consult the same gap to excuse the holder.
 */
export function coverageGapRule(input: RuleInput): Flag[] {
  const cfg = input.settings.coverage_gap;
  if (!cfg.enabled) return [];
  const segment = blamedSegment(input.timeline);
  if (segment === null || segment.disputedFrom !== null) return [];
  const events = dossierEvents(input);
  const silent = silentSince(input, segment.holderId, events);
  if (silent === null) return [];
  const { clock, now } = input;
  const silentFrom = Math.max(silent, segment.from);
  const silence = clock.workingSecondsBetween(silentFrom, now);
  const threshold = cfg.silentHours * 3600;
  if (!(silence > threshold)) return [];
  const lastOwn = [...events].reverse().find((e) => e.officialId === segment.holderId);
  return [
    createFlag(input, {
      rule: 'coverage_gap',
      since: addWorkingSeconds(clock, silentFrom, threshold),
      officialId: segment.holderId,
      severity: escalate((silence - threshold) / 3600, cfg.severity),
      hoursOver: toHours(silence - threshold),
      evidence: [segment.eventIds[0], lastOwn?.id],
      details: {
        lastSeenAt: Number.isFinite(silent) ? silent : null,
        silentHours: toHours(silence),
        measured: false,
      },
    }),
  ];
}
