import type { ActionKind } from '../schemas/dossier.ts';

/** An event as stored by the API after validation and clock-skew correction; times are epoch ms. */
export interface StoredEvent {
  id: string;
  kind: 'open' | 'close' | 'active' | 'action' | 'list_seen' | 'profile_miss';
  officialId: string;
  at: number;
  dossierCode: string;
  action?: ActionKind;
  /** For hand-overs: the official who receives the dossier, when the page showed it. */
  toOfficialId?: string | null;
  step?: string | null;
  status?: string | null;
  appointmentAt?: number | null;
  /** Active spans only. */
  start?: number;
  end?: number;
  /**
   * The official the page itself named as the current handler when this event was read (a list
   * row, a detail page, the page an action was taken on), resolved by the server; null when the
   * page named nobody known. The reading is the reporter's claim about that official.
   */
  handlerId?: string | null;
  /** The page named a handler the server could not resolve to exactly one official. */
  handlerUnresolved?: boolean;
  /**
   * The back-office's own handling log has this action: `imported` when only the log has it,
   * `both` when it was captured too. The log is a second witness, not the official's own word.
   */
  witness?: 'imported' | 'both';
  /** A captured action the back-office's log contradicts (it covers the instant, and has no such action): left out of custody. */
  disputed?: boolean;
}

/** The working-time calendar, injected so custody stays pure and calendar versions stay explicit. */
export interface WorkingClock {
  workingSecondsBetween(fromMs: number, toMs: number): number;
}

export interface CustodyOptions {
  now: number;
  clock: WorkingClock;
  /** Which dossier to build; by default the one of the earliest event (others are reported). */
  dossierCode?: string;
  /**
   * Whether an official works at a desk of the unit that received the dossier (the unit its code
   * names, or a unit above or below it): only their reception is the dossier's first custody.
   * Every official, when not given.
   */
  receivingDesk?: (officialId: string) => boolean;
}

/**
 * How a segment ended: the action that ended it, 'open' while it is still held, or 'superseded'
 * when the evidence moved custody to someone else without a captured hand-over by the holder.
 */
export type SegmentEnd = ActionKind | 'open' | 'superseded';

/**
 * How custody is known (README, "Evidence grades"): `confirmed` by the holder's own reception,
 * action or work after the dossier reached them, or by the page naming them; `claimed` when only
 * another official's word (a hand-over, a page they read) names them; `inferred` when neither
 * (the extension arrived mid-process, a hand-over named nobody, someone acted on a dossier nobody
 * handed them). Only confirmed custody is blamed.
 */
export type Evidence = 'confirmed' | 'claimed' | 'inferred';

/** How the segment began. */
export type StartCause = 'reception' | 'handover' | 'reading' | 'resume' | 'recall' | 'takeover' | 'mid_process' | 'unassigned';

export interface Segment {
  holderId: string;
  /** The first step the holder's own events reported during the segment. */
  step: string | null;
  from: number;
  /** Null while still held. */
  to: number | null;
  workingSeconds: number;
  /** Working seconds counted against the holder: all of them when confirmed, up to a dispute; else 0. */
  blamedSeconds: number;
  activeSeconds: number;
  endedBy: SegmentEnd;
  /** False when the start is a guess (mid-process install, missing hand-over or recipient). */
  startKnown: boolean;
  evidence: Evidence;
  cause: StartCause;
  /** Whose word named the holder: the hand-over's sender or the page's reader; null when self-started. */
  claimedBy: string | null;
  /**
   * Someone else acted on the dossier while this confirmed holder held it, and nothing settled
   * who holds it since: blame stops here until the holder's own act or the evidence decides.
   */
  disputedFrom: number | null;
  /** Another official's custody that the holder of record contests: shown, never the record. */
  contested: boolean;
  eventIds: string[];
}

export interface Pause {
  from: number;
  to: number | null;
  reason: 'supplement';
  workingSeconds: number;
}

export interface Viewer {
  officialId: string;
  activeSeconds: number;
}

export interface Finished {
  at: number;
  action: ActionKind;
}

export interface CustodyTimeline {
  dossierCode: string;
  /** By start; contested segments may overlap the record's. */
  segments: Segment[];
  pauses: Pause[];
  /** Active time of officials on the dossier while they did not hold it. */
  viewers: Viewer[];
  finished: Finished | null;
  /** An end another official claimed while the holder of record's custody stood: not counted. */
  unconfirmedFinish: (Finished & { officialId: string }) | null;
  anomalies: string[];
}

export interface OfficialCustodySummary {
  officialId: string;
  workingSeconds: number;
  activeSeconds: number;
  segments: number;
  /** Dossiers handed to this official by someone else (forward, return, transfer). */
  handoversIn: number;
  /** Dossiers this official handed to someone else or to an unknown recipient. */
  handoversOut: number;
  /** Of handoversOut, those sent back to a previous step. */
  returnsSent: number;
  /** Of handoversIn, those sent back to this official from a later step. */
  returnsReceived: number;
}
