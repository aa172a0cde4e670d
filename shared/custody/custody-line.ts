import type { ActionKind } from '../schemas/dossier-code.ts';
import { ACTION_EFFECTS, handsOver } from './action-effects.ts';
import type { Evidence, Finished, Segment, SegmentEnd, StartCause, StoredEvent } from './types.ts';

/** A segment before time is measured: who held the dossier, between which instants, how it is known. */
export type DraftSegment = Omit<Segment, 'workingSeconds' | 'blamedSeconds' | 'activeSeconds'>;

export interface DraftPause {
  from: number;
  to: number | null;
}

type Mode =
  | { kind: 'unstarted' }
  | { kind: 'held'; segment: DraftSegment }
  /** Nobody known holds it since `since` (a hand-over named nobody, or another's custody is contested). */
  | { kind: 'pending'; since: number; by: string; cause: 'unassigned' | 'takeover' }
  | { kind: 'paused'; pause: DraftPause }
  | { kind: 'finished'; finished: Finished & { officialId: string } };

export interface LineContext {
  note(code: string, e: StoredEvent, detail: string): void;
  receivingDesk(officialId: string): boolean;
  /**
   * A challenger's line, against a holder whose custody stands: there an official's word about
   * themselves never confirms (their own reception or page), only a second official's does.
   */
  strict: boolean;
}

/** A page naming the official who just handed the dossier over is a page read before the hand-over. */
export const STALE_READING_MS = 30 * 60_000;

/**
 * One line of custody replayed event by event as a state machine: unstarted, held, pending (held
 * by nobody known), paused (the citizen's time), finished. Each segment carries its evidence grade
 * and is upgraded as evidence arrives: a claimed holder's own event, or the page named by someone
 * else, confirms it; a confirmed receiver confirms the inferred sender that handed it to them.
 */
export class CustodyLine {
  readonly segments: DraftSegment[] = [];
  readonly pauses: DraftPause[] = [];
  mode: Mode;
  supplementRequests = 0;
  /** Each official's first open or action since custody last changed: where a takeover begins. */
  firstSeen = new Map<string, number>();
  /** The last hand-over by its holder's own act: a page naming that sender soon after is stale. */
  lastRelease: { by: string; at: number } | null = null;

  private readonly ctx: LineContext;

  constructor(ctx: LineContext, mode: Mode = { kind: 'unstarted' }) {
    this.ctx = ctx;
    this.mode = mode;
  }

  get current(): DraftSegment | null {
    return this.mode.kind === 'held' ? this.mode.segment : null;
  }

  get finished(): (Finished & { officialId: string }) | null {
    return this.mode.kind === 'finished' ? this.mode.finished : null;
  }

  /** The reading names an official who handed the dossier over minutes ago: the page predates it. */
  isStale(e: StoredEvent, named: string): boolean {
    return this.lastRelease !== null && this.lastRelease.by === named && e.at - this.lastRelease.at < STALE_READING_MS;
  }

  take(e: StoredEvent): void {
    if ((e.kind === 'open' || e.kind === 'action') && !this.firstSeen.has(e.officialId)) this.firstSeen.set(e.officialId, e.at);
    if (e.handlerId) this.reading(e, e.handlerId);
    else if (e.handlerUnresolved)
      this.ctx.note('handler_unresolved', e, `the page named a handler that is no single official (read by ${e.officialId})`);
    if (e.kind === 'action' && e.action !== undefined) this.act(e, e.action);
    else this.view(e);
  }

  /** An open, work or close: never custody for the viewer; the holder's own confirms a claim on them. */
  private view(e: StoredEvent): void {
    const seg = this.current;
    if (seg === null || e.officialId !== seg.holderId || namesOther(e, seg.holderId)) return;
    const end = e.kind === 'active' && e.end !== undefined ? e.end : e.at;
    if (end < seg.from) return;
    if (e.kind !== 'active') attach(seg, e);
    if (seg.evidence === 'claimed' && e.kind !== 'list_seen') this.confirm(seg);
  }

  /** The page named `named` as the current handler, read by `e.officialId`. */
  private reading(e: StoredEvent, named: string): void {
    const reader = e.officialId;
    if (this.isStale(e, named)) return this.ctx.note('stale_reading', e, `page read by ${reader} still names ${named}, who handed it over`);
    const self = reader === named;
    const mode = this.mode;
    // A list shows many dossiers at once: it speaks about custody the product already follows.
    if (mode.kind === 'unstarted' && e.kind === 'list_seen') return;
    if (mode.kind === 'unstarted' || mode.kind === 'pending') {
      const grade: Evidence = self ? (this.ctx.strict ? 'inferred' : 'confirmed') : 'claimed';
      return void this.start(named, e.at, 'reading', grade, self ? null : reader, true, e);
    }
    if (mode.kind !== 'held') return;
    const seg = mode.segment;
    if (seg.holderId === named) {
      if (seg.evidence === 'claimed' && (self || reader !== seg.claimedBy)) this.confirm(seg);
      else if (seg.evidence === 'inferred' && (!self || !this.ctx.strict)) this.confirm(seg);
      return;
    }
    this.ctx.note('custody_disputed', e, `page read by ${reader} names ${named} while ${seg.holderId} held it`);
    this.release(seg, e.at, 'superseded');
    this.start(named, e.at, 'reading', self ? (this.ctx.strict ? 'inferred' : 'confirmed') : 'claimed', self ? null : reader, true, e);
  }

  private act(e: StoredEvent, action: ActionKind): void {
    const actor = e.officialId;
    // The back-office's log is not the official's own word: a strict line believes it.
    const strict = this.ctx.strict && !e.witness;
    const effect = ACTION_EFFECTS[action];
    const mode = this.mode;
    const neutral = effect === 'neutral' || (effect === 'handover_if_named' && !e.toOfficialId);
    switch (mode.kind) {
      case 'finished':
        if (!neutral && effect !== 'end') this.ctx.note('action_after_finish', e, `${action} by ${actor} ignored`);
        return;
      case 'paused':
        return this.actPaused(mode.pause, e, action);
      case 'unstarted':
      case 'pending': {
        if (mode.kind === 'pending' && effect === 'recall' && actor === mode.by) {
          return void this.start(actor, e.at, 'recall', strict ? 'inferred' : 'confirmed', null, true, e);
        }
        if (mode.kind === 'unstarted' && effect === 'receive') {
          const desk = !strict && this.ctx.receivingDesk(actor);
          if (!desk) this.ctx.note('reception_outside_receiving_unit', e, `by ${actor}`);
          return void this.start(actor, e.at, 'reception', desk ? 'confirmed' : 'inferred', null, true, e);
        }
        const since =
          mode.kind === 'pending' ? Math.max(mode.since, this.firstSeen.get(actor) ?? e.at) : (this.firstSeen.get(actor) ?? e.at);
        const cause: StartCause = mode.kind === 'pending' ? mode.cause : 'mid_process';
        return this.onHeld(this.start(actor, Math.min(since, e.at), cause, 'inferred', null, false, e), e, action);
      }
      case 'held': {
        const seg = mode.segment;
        if (actor === seg.holderId) {
          if (seg.evidence === 'claimed') this.confirm(seg);
          return this.onHeld(seg, e, action);
        }
        if (neutral) return this.ctx.note('foreign_neutral_action', e, `${action} by ${actor} while ${seg.holderId} held it`);
        if (effect === 'receive' && !strict && this.ctx.receivingDesk(actor)) {
          this.release(seg, e.at, 'superseded');
          return void this.start(actor, e.at, 'reception', 'confirmed', null, true, e);
        }
        if (effect === 'recall' && !strict && this.heldConfirmed(actor)) {
          this.release(seg, e.at, action, e);
          return void this.start(actor, e.at, 'recall', 'confirmed', null, true, e);
        }
        const since = Math.min(e.at, Math.max(seg.from, this.firstSeen.get(actor) ?? e.at));
        this.ctx.note('custody_without_handover', e, `${action} by ${actor} while ${seg.holderId} held the dossier`);
        this.release(seg, since, 'superseded');
        return this.onHeld(this.start(actor, since, 'takeover', 'inferred', null, false, e), e, action);
      }
    }
  }

  private actPaused(pause: DraftPause, e: StoredEvent, action: ActionKind): void {
    const actor = e.officialId;
    const effect = ACTION_EFFECTS[action];
    if (effect === 'neutral' || (effect === 'handover_if_named' && !e.toOfficialId)) return;
    if (effect === 'pause') return this.ctx.note('supplement_requested_again', e, `by ${actor} during a pause`);
    pause.to = e.at;
    if (effect === 'end') return this.finish(e, action);
    const own: Evidence = this.ctx.strict && !e.witness ? 'inferred' : 'confirmed';
    if (effect === 'resume') {
      const receiver = e.toOfficialId ?? actor;
      return void this.start(
        receiver,
        e.at,
        'resume',
        receiver === actor ? own : e.witness ? 'confirmed' : 'claimed',
        receiver === actor ? null : actor,
        true,
        e,
      );
    }
    // Receiving the supplemented file or recalling it are normal ways out of a pause; a hand-over
    // means the completion was not captured. Either way the pause, not an official, owns the wait.
    if (effect === 'receive' || effect === 'recall') return void this.start(actor, e.at, 'resume', own, null, true, e);
    this.ctx.note('action_during_pause', e, `${action} by ${actor} without supplement_done`);
    this.onHeld(this.start(actor, e.at, 'takeover', 'inferred', null, false, e), e, action);
  }

  /** The holder's own action on the dossier they hold. */
  private onHeld(seg: DraftSegment, e: StoredEvent, action: ActionKind): void {
    const effect = ACTION_EFFECTS[action];
    const receiver = e.toOfficialId ?? null;
    if (effect === 'resume') {
      this.ctx.note('supplement_done_without_request', e, `by ${e.officialId}`);
      return receiver && receiver !== seg.holderId ? this.pass(seg, e, action, receiver) : attach(seg, e);
    }
    if (handsOver(action, receiver !== null)) {
      if (receiver) return this.pass(seg, e, action, receiver);
      this.ctx.note('handover_without_recipient', e, `${action} by ${e.officialId}`);
      this.release(seg, e.at, action, e);
      this.lastRelease = { by: seg.holderId, at: e.at };
      this.mode = { kind: 'pending', since: e.at, by: seg.holderId, cause: 'unassigned' };
      return;
    }
    if (effect === 'pause') {
      this.release(seg, e.at, action, e);
      this.supplementRequests += 1;
      if (this.supplementRequests > 1) this.ctx.note('multiple_supplement_requests', e, `request #${this.supplementRequests}`);
      const pause: DraftPause = { from: e.at, to: null };
      this.pauses.push(pause);
      this.mode = { kind: 'paused', pause };
      return;
    }
    if (effect === 'end') {
      this.release(seg, e.at, action, e);
      return this.finish(e, action);
    }
    attach(seg, e);
  }

  private pass(seg: DraftSegment, e: StoredEvent, action: ActionKind, receiver: string): void {
    this.release(seg, e.at, action, e);
    this.lastRelease = { by: seg.holderId, at: e.at };
    // A forward to oneself is the next step of the same custody: it keeps its grade.
    if (receiver === seg.holderId) this.start(receiver, e.at, 'handover', seg.evidence, seg.claimedBy, true, e);
    // A hand-over the back-office's own log records corroborates the receiver as their own events would.
    else this.start(receiver, e.at, 'handover', e.witness ? 'confirmed' : 'claimed', seg.holderId, true, e);
  }

  private finish(e: StoredEvent, action: ActionKind): void {
    this.mode = { kind: 'finished', finished: { at: e.at, action, officialId: e.officialId } };
  }

  private start(
    holderId: string,
    from: number,
    cause: StartCause,
    evidence: Evidence,
    claimedBy: string | null,
    startKnown: boolean,
    e: StoredEvent,
  ): DraftSegment {
    const seg: DraftSegment = {
      holderId,
      step: null,
      from,
      to: null,
      endedBy: 'open',
      startKnown,
      evidence,
      cause,
      claimedBy,
      disputedFrom: null,
      contested: false,
      eventIds: [],
    };
    this.segments.push(seg);
    attach(seg, e);
    this.mode = { kind: 'held', segment: seg };
    this.firstSeen = new Map();
    if (this.lastRelease?.by === holderId) this.lastRelease = null;
    return seg;
  }

  release(seg: DraftSegment, at: number, endedBy: SegmentEnd, e?: StoredEvent): void {
    seg.to = at;
    seg.endedBy = endedBy;
    if (e) attach(seg, e);
  }

  /** Confirmed; a sender whose custody was only inferred is confirmed by the receiver who took it from them. */
  confirm(seg: DraftSegment): void {
    seg.evidence = 'confirmed';
    const i = this.segments.indexOf(seg);
    const before = i > 0 ? this.segments[i - 1] : undefined;
    if (
      before &&
      before.evidence === 'inferred' &&
      before.to === seg.from &&
      seg.cause === 'handover' &&
      seg.claimedBy === before.holderId
    ) {
      this.confirm(before);
    }
  }

  private heldConfirmed(officialId: string): boolean {
    return this.segments.some((s) => s.holderId === officialId && s.evidence === 'confirmed');
  }
}

/** The event's page names someone other than `officialId` as the handler. */
export function namesOther(e: StoredEvent, officialId: string): boolean {
  return !!e.handlerId && e.handlerId !== officialId;
}

export function attach(seg: DraftSegment, e: StoredEvent): void {
  if (!seg.eventIds.includes(e.id)) seg.eventIds.push(e.id);
  if (seg.step === null && e.officialId === seg.holderId && e.step) seg.step = e.step;
}
