/**
 * Timeliness as the national service index counts it (Decision 766/QĐ-TTg, DOMAIN.md "On time,
 * early, late"). `unknown`: no appointment date was captured and nothing else decides it.
 */
export const TIMELINESS_STATES = [
  'early',
  'on_time',
  'late',
  'in_progress_on_time',
  'in_progress_late',
  'paused_on_time',
  'paused_late',
  'unknown',
] as const;
export type TimelinessState = (typeof TIMELINESS_STATES)[number];

/** Why a dossier counts late, so a report can tell a slow office from a second supplement request. */
export type LateReason = 'after_appointment' | 'multiple_supplements';

export interface DossierTimeliness {
  state: TimelinessState;
  /** The first of processed, result returned, stopped, refused; null if not by the period end. */
  finishedAt: number | null;
  /** The appointment shifted by supplement pauses; null without an appointment. */
  effectiveAppointmentAt: number | null;
  lateReason: LateReason | null;
  supplementRequests: number;
  /** Working seconds held by officials, pauses excluded; finished dossiers only. */
  handlingSeconds: number | null;
  /** False when the extension came mid-process, so handlingSeconds misses the start. */
  handlingFromReception: boolean;
}

export interface ClassifyOptions {
  /** Local offset for "same date as the appointment"; Vietnam (UTC+7) by default. */
  utcOffsetMinutes?: number;
  /** Supplement requests allowed before a dossier counts late; 1 nationally. */
  maxSupplementRequests?: number;
}

export interface TimelinessShares {
  early: number;
  onTime: number;
  late: number;
  /** The index's progress indicator: share of finished dossiers handled early or on time. */
  earlyOrOnTime: number;
}

export interface TimelinessSummary {
  total: number;
  counts: Record<TimelinessState, number>;
  finished: number;
  unfinished: number;
  /** Shares of finished dossiers, 0..1; null when none finished. */
  shares: TimelinessShares | null;
  /** Share of unfinished dossiers already late (in progress or paused), 0..1; null when none. */
  unfinishedLateShare: number | null;
  /** Over finished dossiers with a measured handling time; null when none. */
  averageHandlingSeconds: number | null;
  averageHandlingHours: number | null;
  /** How many finished dossiers the average is over. */
  handlingSamples: number;
}
