import { HANDOVER_KINDS } from './action-effects.ts';
import type { ActionKind } from '../schemas/dossier-code.ts';
import type { CustodyTimeline, OfficialCustodySummary, Segment } from './types.ts';

const isHandover = (end: Segment['endedBy']) => HANDOVER_KINDS.has(end as ActionKind);

/** A hand-over is custody changing hands: a forward to oneself (next step, same person) is not one. */
function handsOver(segment: Segment, next: Segment | undefined): boolean {
  if (!isHandover(segment.endedBy)) return false;
  return !(next !== undefined && next.from === segment.to && next.holderId === segment.holderId);
}

/**
 * Per-official figures of one dossier, sorted by official id: confirmed custody only, as blame is
 * (claimed, inferred and contested custody are shown in the timeline, never summed).
 */
export function summarizeCustody(timeline: CustodyTimeline): OfficialCustodySummary[] {
  const byOfficial = new Map<string, OfficialCustodySummary>();
  const segments = timeline.segments.filter((s) => !s.contested);
  segments.forEach((segment, i) => {
    if (segment.evidence !== 'confirmed') return;
    let summary = byOfficial.get(segment.holderId);
    if (summary === undefined) {
      summary = {
        officialId: segment.holderId,
        workingSeconds: 0,
        activeSeconds: 0,
        segments: 0,
        handoversIn: 0,
        handoversOut: 0,
        returnsSent: 0,
        returnsReceived: 0,
      };
      byOfficial.set(segment.holderId, summary);
    }
    summary.workingSeconds += segment.blamedSeconds;
    summary.activeSeconds += segment.activeSeconds;
    summary.segments += 1;
    if (handsOver(segment, segments[i + 1])) {
      summary.handoversOut += 1;
      if (segment.endedBy === 'return') summary.returnsSent += 1;
    }
    const previous = segments[i - 1];
    // Contiguous with a hand-over by someone else: this official received it (possibly inferred
    // after a hand-over without recipient, which starts at the hand-over instant too).
    if (previous !== undefined && previous.to === segment.from && previous.holderId !== segment.holderId) {
      if (isHandover(previous.endedBy)) {
        summary.handoversIn += 1;
        if (previous.endedBy === 'return') summary.returnsReceived += 1;
      }
    }
  });
  return [...byOfficial.values()].sort((a, b) => (a.officialId < b.officialId ? -1 : a.officialId > b.officialId ? 1 : 0));
}
