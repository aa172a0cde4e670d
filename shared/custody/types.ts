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
}

/**
 * How a segment ended: the action that ended it, 'open' while it is still held, or 'superseded'
 * when someone else acted on the dossier and no hand-over to them was captured.
 */
export type SegmentEnd = ActionKind | 'open' | 'superseded';

export interface Segment {
  holderId: string;
  /** The first step the holder's own events reported during the segment. */
  step: string | null;
  from: number;
  /** Null while still held. */
  to: number | null;
  workingSeconds: number;
  activeSeconds: number;
  endedBy: SegmentEnd;
  /** False when the start was inferred (mid-process install, missing hand-over or recipient). */
  startKnown: boolean;
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
  segments: Segment[];
  pauses: Pause[];
  /** Active time of officials on the dossier while they did not hold it. */
  viewers: Viewer[];
  finished: Finished | null;
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
