import { mergeIntervals, overlapMs, totalMs } from './intervals.ts';
import type { Interval } from './intervals.ts';
import { orderEvents } from './order.ts';
import { traceCustody } from './trace-custody.ts';
import type { CustodyOptions, CustodyTimeline, Pause, Segment, StoredEvent, Viewer } from './types.ts';

interface Span {
  id: string;
  interval: Interval;
}

/**
 * Rebuilds who held a dossier and for how long from its stored events. Pure: the same set of
 * events, `now` and calendar always give the same timeline, whatever order the events come in.
 */
export function buildCustody(events: readonly StoredEvent[], options: CustodyOptions): CustodyTimeline {
  const { now, clock } = options;
  const ordered = orderEvents(events);
  const dossierCode = options.dossierCode ?? ordered[0]?.dossierCode ?? '';
  const anomalies: string[] = [];
  const own = ordered.filter((e) => e.dossierCode === dossierCode);
  if (own.length < ordered.length) {
    anomalies.push(`other_dossier: ${ordered.length - own.length} event(s) of other dossiers ignored`);
  }

  const trace = traceCustody(
    own.filter((e) => e.kind !== 'profile_miss'),
    options.receivingDesk ? { receivingDesk: options.receivingDesk } : {},
  );
  anomalies.push(...trace.anomalies);

  const spans = new Map<string, Span[]>();
  for (const e of own) {
    if (e.kind !== 'active') continue;
    if (e.start === undefined || e.end === undefined || !(e.end >= e.start)) {
      anomalies.push(`active_without_span: event ${e.id} has no valid start..end`);
      continue;
    }
    // Activity "after now" cannot have happened yet: a skew the server did not correct.
    const span: Span = { id: e.id, interval: [e.start, Math.min(e.end, now)] };
    const list = spans.get(e.officialId);
    if (list) list.push(span);
    else spans.set(e.officialId, [span]);
  }
  const merged = new Map<string, Interval[]>();
  for (const [officialId, list] of spans) merged.set(officialId, mergeIntervals(list.map((s) => s.interval)));

  const position = new Map(own.map((e, i) => [e.id, i]));
  const heldMs = new Map<string, number>();
  const segments = trace.segments.map((draft): Segment => {
    const end = draft.to ?? Math.max(draft.from, now);
    const workingSeconds = clock.workingSecondsBetween(draft.from, end);
    const blamedTo = draft.disputedFrom === null ? end : Math.min(end, Math.max(draft.from, draft.disputedFrom));
    const activeMs = overlapMs(merged.get(draft.holderId) ?? [], draft.from, end);
    heldMs.set(draft.holderId, (heldMs.get(draft.holderId) ?? 0) + activeMs);
    const spanIds = (spans.get(draft.holderId) ?? []).filter((s) => overlapMs([s.interval], draft.from, end) > 0).map((s) => s.id);
    const eventIds = [...new Set([...draft.eventIds, ...spanIds])].sort((a, b) => position.get(a)! - position.get(b)!);
    return {
      holderId: draft.holderId,
      step: draft.step,
      from: draft.from,
      to: draft.to,
      workingSeconds,
      blamedSeconds:
        draft.evidence !== 'confirmed' ? 0 : blamedTo === end ? workingSeconds : clock.workingSecondsBetween(draft.from, blamedTo),
      activeSeconds: activeMs / 1000,
      endedBy: draft.endedBy,
      startKnown: draft.startKnown,
      evidence: draft.evidence,
      cause: draft.cause,
      claimedBy: draft.claimedBy,
      disputedFrom: draft.disputedFrom,
      contested: draft.contested,
      eventIds,
    };
  });

  const pauses = trace.pauses.map(
    (p): Pause => ({
      from: p.from,
      to: p.to,
      reason: 'supplement',
      workingSeconds: clock.workingSecondsBetween(p.from, p.to ?? Math.max(p.from, now)),
    }),
  );

  // Segments of one official never overlap, so what is not inside them was spent viewing.
  const viewers: Viewer[] = [];
  for (const [officialId, intervals] of merged) {
    const viewingMs = totalMs(intervals) - (heldMs.get(officialId) ?? 0);
    if (viewingMs > 0) viewers.push({ officialId, activeSeconds: viewingMs / 1000 });
  }
  viewers.sort((a, b) => b.activeSeconds - a.activeSeconds || (a.officialId < b.officialId ? -1 : 1));

  return { dossierCode, segments, pauses, viewers, finished: trace.finished, unconfirmedFinish: trace.unconfirmedFinish, anomalies };
}
