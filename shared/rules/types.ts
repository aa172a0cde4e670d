import type { CustodyTimeline, StoredEvent } from '../custody/types.ts';
import type { TimelinessClock } from '../timeliness/working-time.ts';
import type { RuleSettings } from './settings.ts';

export const RULE_NAMES = [
  'overdue',
  'due_soon',
  'idle_at_holder',
  'step_over_allotment',
  'ping_pong',
  'repeated_supplement',
  'viewed_not_acted',
  'coverage_gap',
  'unconfirmed_custody',
] as const;
export type RuleName = (typeof RULE_NAMES)[number];

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
/**
 * Worst first: 0 is critical. Stored as `flags.severity_rank` (sorted ascending, filtered with
 * `<=`) and used wherever flags are ordered, server and extension alike.
 */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 0, warning: 1, info: 2 };

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type FlagDetails = { [key: string]: JsonValue };

export interface Flag {
  /** Stable identity: the same condition gives the same key on every evaluation (see flagKey). */
  key: string;
  rule: RuleName;
  dossierCode: string;
  unitId: string;
  severity: Severity;
  /** When the condition began: the instant its threshold was crossed. */
  since: number;
  /** Who answers for it, or null when nobody holds the dossier (paused, finished, unassigned). */
  officialId: string | null;
  /** Working hours beyond the threshold (or, for count rules, since the threshold was reached). */
  hoursOver: number;
  /** Ids of the stored events that prove it. */
  evidence: string[];
  details: FlagDetails;
}

export interface ClosedFlag extends Flag {
  closedAt: number;
}

export interface ProcedureStep {
  code: string;
  name: string;
  /** Working hours allotted to the step. */
  allottedHours: number;
}

export interface ProcedureSpec {
  code: string;
  /** The prescribed total in working days. */
  totalDays?: number;
  steps: ProcedureStep[];
}

export interface RuleInput {
  dossierCode: string;
  unitId: string;
  procedure: ProcedureSpec | null;
  timeline: CustodyTimeline;
  /** The dossier's stored events (others are ignored). */
  events: readonly StoredEvent[];
  /** The latest appointment date captured; an apology's new date replaces the old. */
  appointmentAt: number | null;
  now: number;
  clock: TimelinessClock;
  settings: RuleSettings;
  /** officialId → the last instant any event arrived from that official's extension. */
  coverage?: Readonly<Record<string, number>>;
}

export type Rule = (input: RuleInput) => Flag[];
