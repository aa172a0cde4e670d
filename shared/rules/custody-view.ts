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

/** The record's segments: custody as it stands, without the contested claims beside it. */
export function recordSegments(timeline: CustodyTimeline): Segment[] {
  return timeline.segments.filter((s) => !s.contested);
}

/** The segment held right now, whatever its evidence; none when finished, paused or held by nobody known. */
export function currentSegment(timeline: CustodyTimeline): Segment | null {
  if (timeline.finished !== null || openPause(timeline) !== null) return null;
  const record = recordSegments(timeline);
  const last = record[record.length - 1];
  return last !== undefined && last.to === null ? last : null;
}

/**
 * The current segment when it may be held against its holder: confirmed custody only (README,
 * "Evidence grades"). Claimed and inferred custody raise review items instead of blame.
 */
export function blamedSegment(timeline: CustodyTimeline): Segment | null {
  const segment = currentSegment(timeline);
  return segment !== null && segment.evidence === 'confirmed' ? segment : null;
}

/** Where blame on a segment stops: its end, or where another official's act disputed it, or now. */
export function blameEnd(segment: Segment, now: number): number {
  const end = segment.to ?? Math.max(segment.from, now);
  return segment.disputedFrom === null ? end : Math.min(end, Math.max(segment.from, segment.disputedFrom));
}

export type HolderState = 'held' | 'disputed' | 'paused' | 'unassigned' | 'finished' | 'unstarted';

export function holderState(timeline: CustodyTimeline): HolderState {
  if (timeline.finished !== null) return 'finished';
  if (openPause(timeline) !== null) return 'paused';
  const current = currentSegment(timeline);
  if (current !== null) return current.disputedFrom !== null ? 'disputed' : 'held';
  return timeline.segments.length === 0 ? 'unstarted' : 'unassigned';
}

/** The last instant an event shows its official at work. */
export function eventEnd(e: StoredEvent): number {
  return e.kind === 'active' && e.end !== undefined ? e.end : e.at;
}

/** The action event at an instant (of a kind, by an official when given). */
export function findAction(events: readonly StoredEvent[], at: number, action?: ActionKind, officialId?: string): StoredEvent | undefined {
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
