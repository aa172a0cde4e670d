import type { ActionKind } from '../schemas/dossier.ts';
import type { Finished, SegmentEnd, StoredEvent } from './types.ts';

/** A segment before time is measured: who held the dossier, between which instants, and why. */
export interface DraftSegment {
  holderId: string;
  step: string | null;
  from: number;
  to: number | null;
  endedBy: SegmentEnd;
  startKnown: boolean;
  eventIds: string[];
}

export interface DraftPause {
  from: number;
  to: number | null;
}

export interface CustodyTrace {
  segments: DraftSegment[];
  pauses: DraftPause[];
  finished: Finished | null;
  anomalies: string[];
}

export const HANDOVER_ACTIONS: ReadonlySet<SegmentEnd> = new Set<ActionKind>(['forward', 'return', 'transfer']);
const TERMINAL_ACTIONS: ReadonlySet<ActionKind> = new Set<ActionKind>(['reject', 'stop', 'return_result', 'finish']);
const NEUTRAL_ACTIONS: ReadonlySet<ActionKind> = new Set<ActionKind>(['update_result', 'approve', 'apology']);

type Mode =
  | { kind: 'unstarted' }
  | { kind: 'held'; segment: DraftSegment }
  /** Handed over without a recipient: the next official to show up holds from `since`. */
  | { kind: 'pending'; since: number; by: string }
  | { kind: 'paused'; pause: DraftPause }
  | { kind: 'finished' };

/**
 * Replays ordered open, close and action events of one dossier as a state machine of custody.
 * Every inference that could put time on someone is marked (startKnown=false) and explained in an
 * anomaly, so a reviewer can see which boundaries are facts and which are guesses.
 */
export function traceCustody(events: readonly StoredEvent[]): CustodyTrace {
  const segments: DraftSegment[] = [];
  const pauses: DraftPause[] = [];
  const anomalies: string[] = [];
  // Asserted, not annotated: assignments happen in closures, so the declared union must not be
  // narrowed to the initial value.
  let finished = null as Finished | null;
  let mode = { kind: 'unstarted' } as Mode;
  let supplementRequests = 0;
  // Each official's first open or action since custody last changed: the earliest sign they had
  // the dossier, used when they act on it without a captured hand-over to them.
  let firstSeen = new Map<string, number>();
  // Opens before a reception are someone checking a submission, not custody; with no reception
  // captured first, the extension came mid-process and the first official seen holds it.
  const receiveFirst = events.find((e) => e.kind === 'action')?.action === 'receive';

  const note = (code: string, e: StoredEvent, detail: string): void => {
    anomalies.push(`${code}: ${detail} at ${new Date(e.at).toISOString()} (event ${e.id})`);
  };

  function attach(segment: DraftSegment, e: StoredEvent): void {
    if (!segment.eventIds.includes(e.id)) segment.eventIds.push(e.id);
    if (segment.step === null && e.officialId === segment.holderId && e.step) segment.step = e.step;
  }

  function hold(holderId: string, from: number, startKnown: boolean, cause: StoredEvent): DraftSegment {
    const segment: DraftSegment = { holderId, step: null, from, to: null, endedBy: 'open', startKnown, eventIds: [] };
    segments.push(segment);
    attach(segment, cause);
    mode = { kind: 'held', segment };
    firstSeen = new Map();
    return segment;
  }

  function release(segment: DraftSegment, at: number, endedBy: SegmentEnd, cause?: StoredEvent): void {
    segment.to = at;
    segment.endedBy = endedBy;
    if (cause) attach(segment, cause);
  }

  function finish(e: StoredEvent, action: ActionKind): void {
    finished = { at: e.at, action };
    mode = { kind: 'finished' };
  }

  /** Someone acted on a dossier another official held: custody passed without a captured hand-over. */
  function takeOver(held: DraftSegment, e: StoredEvent, action: ActionKind): DraftSegment {
    const since = Math.max(held.from, firstSeen.get(e.officialId) ?? e.at);
    note('custody_without_handover', e, `${action} by ${e.officialId} while ${held.holderId} held the dossier`);
    release(held, since, 'superseded');
    return hold(e.officialId, since, action === 'receive' && since === e.at, e);
  }

  function onHeld(held: DraftSegment, e: StoredEvent, action: ActionKind): void {
    const actor = e.officialId;
    if (NEUTRAL_ACTIONS.has(action)) return attach(held, e);
    if (action === 'receive') return actor === held.holderId ? attach(held, e) : void takeOver(held, e, action);
    if (action === 'recall' || action === 'supplement_done') {
      if (action === 'supplement_done') note('supplement_done_without_request', e, `by ${actor}`);
      const recipient = action === 'recall' ? actor : (e.toOfficialId ?? actor);
      if (recipient === held.holderId) return attach(held, e);
      release(held, e.at, action, e);
      return void hold(recipient, e.at, true, e);
    }
    const segment = actor === held.holderId ? held : takeOver(held, e, action);
    release(segment, e.at, action, e);
    if (HANDOVER_ACTIONS.has(action)) {
      if (e.toOfficialId) return void hold(e.toOfficialId, e.at, true, e);
      note('handover_without_recipient', e, `${action} by ${actor}`);
      mode = { kind: 'pending', since: e.at, by: actor };
    } else if (action === 'supplement_request') {
      supplementRequests += 1;
      if (supplementRequests > 1) note('multiple_supplement_requests', e, `request #${supplementRequests}`);
      const pause: DraftPause = { from: e.at, to: null };
      pauses.push(pause);
      mode = { kind: 'paused', pause };
    } else {
      finish(e, action);
    }
  }

  function onPaused(pause: DraftPause, e: StoredEvent, action: ActionKind): void {
    if (NEUTRAL_ACTIONS.has(action)) return;
    if (action === 'supplement_request') return note('supplement_requested_again', e, `by ${e.officialId} during a pause`);
    pause.to = e.at;
    if (TERMINAL_ACTIONS.has(action)) return finish(e, action);
    if (action === 'supplement_done') return void hold(e.toOfficialId ?? e.officialId, e.at, true, e);
    // Receiving the supplemented file or recalling it are normal ways out of a pause; a hand-over
    // means the completion was not captured. Either way the pause, not an official, owns the wait.
    const known = action === 'receive' || action === 'recall';
    if (!known) note('action_during_pause', e, `${action} by ${e.officialId} without supplement_done`);
    const segment = hold(e.officialId, e.at, known, e);
    if (!known) onHeld(segment, e, action);
  }

  function onAction(e: StoredEvent, action: ActionKind): void {
    const current = mode;
    switch (current.kind) {
      case 'held':
        return onHeld(current.segment, e, action);
      case 'paused':
        return onPaused(current.pause, e, action);
      case 'finished':
        if (!TERMINAL_ACTIONS.has(action) && !NEUTRAL_ACTIONS.has(action)) {
          note('action_after_finish', e, `${action} by ${e.officialId} ignored`);
        }
        return;
      case 'unstarted':
      case 'pending': {
        // Recall and supplement completion say exactly who holds from when; they never inherit
        // an unknown queue time.
        if (action === 'recall' || action === 'supplement_done') {
          if (action === 'supplement_done' && current.kind === 'pending') {
            note('supplement_done_without_request', e, `by ${e.officialId}`);
          }
          return void hold(action === 'recall' ? e.officialId : (e.toOfficialId ?? e.officialId), e.at, true, e);
        }
        if (current.kind === 'unstarted' && action === 'receive') return void hold(e.officialId, e.at, true, e);
        const from = current.kind === 'pending' ? current.since : e.at;
        return onHeld(hold(e.officialId, from, false, e), e, action);
      }
    }
  }

  for (const e of events) {
    if (e.kind === 'open' || e.kind === 'action') {
      if (!firstSeen.has(e.officialId)) firstSeen.set(e.officialId, e.at);
    }
    if (e.kind === 'action' && e.action !== undefined) {
      onAction(e, e.action);
    } else if (e.kind === 'open' || e.kind === 'close') {
      if (mode.kind === 'held') {
        if (e.officialId === mode.segment.holderId) attach(mode.segment, e);
      } else if (e.kind === 'open' && mode.kind === 'unstarted' && !receiveFirst) {
        hold(e.officialId, e.at, false, e);
      } else if (e.kind === 'open' && mode.kind === 'pending' && e.officialId !== mode.by) {
        hold(e.officialId, mode.since, false, e);
      }
    }
  }
  return { segments, pauses, finished, anomalies };
}
