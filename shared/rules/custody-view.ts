/** Read-only views of a dossier's custody that several rules share. */
import { orderEvents } from '../custody/index.ts';
import type { CustodyTimeline, Pause, Segment, StoredEvent } from '../custody/index.ts';
import type { ActionKind } from '../schemas/dossier.ts';
import type { ProcedureSpec, ProcedureStep, RuleInput } from './types.ts';

/** The dossier's own events, ordered and unique, whatever the caller passed. */
export function dossierEvents(input: RuleInput): StoredEvent[] {
  return orderEvents(input.events).filter((e) => e.dossierCode === input.dossierCode);
}

export function openPause(timeline: CustodyTimeline): Pause | null {
  return timeline.pauses.find((p) => p.to === null) ?? null;
}

/** The segment held right now; none when finished, paused or handed over to nobody known yet. */
export function currentSegment(timeline: CustodyTimeline): Segment | null {
  if (timeline.finished !== null || openPause(timeline) !== null) return null;
  const last = timeline.segments[timeline.segments.length - 1];
  return last !== undefined && last.to === null ? last : null;
}

export type HolderState = 'held' | 'paused' | 'unassigned' | 'finished' | 'unstarted';

export function holderState(timeline: CustodyTimeline): HolderState {
  if (timeline.finished !== null) return 'finished';
  if (openPause(timeline) !== null) return 'paused';
  if (currentSegment(timeline) !== null) return 'held';
  return timeline.segments.length === 0 ? 'unstarted' : 'unassigned';
}

/** The first instant an event shows its official at work (an active span from its start). */
export function eventStart(e: StoredEvent): number {
  return e.kind === 'active' && e.start !== undefined ? e.start : e.at;
}

/** The last instant an event shows its official at work. */
export function eventEnd(e: StoredEvent): number {
  return e.kind === 'active' && e.end !== undefined ? e.end : e.at;
}

/**
 * Where blame may start. A segment whose start custody inferred (the extension came mid-process,
 * or a hand-over named nobody) is blamed only from the holder's own first sign in it: the time
 * before it may have been someone else's, or a queue nobody could see.
 */
export function blameStart(segment: Segment, events: readonly StoredEvent[]): number {
  if (segment.startKnown) return segment.from;
  const end = segment.to ?? Number.POSITIVE_INFINITY;
  let first = Number.POSITIVE_INFINITY;
  for (const e of events) {
    if (e.officialId !== segment.holderId || e.kind === 'list_seen' || e.kind === 'profile_miss') continue;
    const t = eventStart(e);
    if (eventEnd(e) >= segment.from && t <= end) first = Math.min(first, Math.max(t, segment.from));
  }
  return Number.isFinite(first) ? first : segment.from;
}

/** The action event at an instant (of a kind, by an official when given). */
export function findAction(
  events: readonly StoredEvent[],
  at: number,
  action?: ActionKind,
  officialId?: string,
): StoredEvent | undefined {
  return events.find(
    (e) =>
      e.kind === 'action' &&
      e.at === at &&
      (action === undefined || e.action === action) &&
      (officialId === undefined || e.officialId === officialId),
  );
}

const normalize = (s: string): string => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/** Pages show a step's name or its code; either identifies the procedure's step. */
export function matchStep(procedure: ProcedureSpec | null, label: string | null): ProcedureStep | null {
  if (procedure === null || label === null) return null;
  const wanted = normalize(label);
  return procedure.steps.find((s) => normalize(s.code) === wanted || normalize(s.name) === wanted) ?? null;
}

/** The instant the dossier's clock stops for the rules: its finish, or now. */
export function endOf(input: RuleInput): number {
  const f = input.timeline.finished;
  return f !== null && f.at <= input.now ? f.at : input.now;
}
