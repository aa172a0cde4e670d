import { buildCustody, orderEvents, type CustodyTimeline, type Segment } from '../../shared/custody/index.ts';
import { evaluateRules, type Flag, type ProcedureSpec, type RuleSettings } from '../../shared/rules/index.ts';
import { blameEnd, currentSegment, holderState } from '../../shared/rules/custody-view.ts';
import { classifyDossier, type DossierTimeliness, type TimelinessClock } from '../../shared/timeliness/index.ts';
import type { DossierTable, SegmentTable } from '../db/tables.ts';
import type { DossierEvent } from './dossier-events.ts';
import { dayOfDossierCode, localDate, localDayStart } from './local-day.ts';

export type DossierRow = Omit<DossierTable, 'derived_at' | 'open_flags'>;

export interface DossierFacts {
  procedureCode: string | null;
  /** The latest appointment captured: an apology's new date replaces the old one. */
  appointmentAt: number | null;
  lastEventAt: number;
}

export function dossierFacts(events: readonly DossierEvent[]): DossierFacts {
  const ordered = orderEvents(events) as DossierEvent[];
  let procedureCode: string | null = null;
  let appointmentAt: number | null = null;
  let lastEventAt = Number.NEGATIVE_INFINITY;
  for (const e of ordered) {
    if (e.procedureCode) procedureCode = e.procedureCode;
    if (e.appointmentAt !== null && e.appointmentAt !== undefined) appointmentAt = e.appointmentAt;
    lastEventAt = Math.max(lastEventAt, e.kind === 'active' && e.end !== undefined ? e.end : e.at);
  }
  return { procedureCode, appointmentAt, lastEventAt };
}

/**
 * Derivation runs at `now`, but nothing stored for a closed segment depends on it: a closed
 * segment's times are fixed by its events, and an open one is measured up to the dossier's last
 * event (routes add the live part). So the same events give the same segments and rollups.
 */
export function timelineOf(
  code: string,
  events: readonly DossierEvent[],
  now: number,
  clock: TimelinessClock,
  receivingDesk?: (officialId: string) => boolean,
): CustodyTimeline {
  return buildCustody(events, { now, clock, dossierCode: code, ...(receivingDesk ? { receivingDesk } : {}) });
}

export interface ComputeInput {
  code: string;
  unitId: string;
  events: readonly DossierEvent[];
  facts: DossierFacts;
  timeline: CustodyTimeline;
  now: number;
  clock: TimelinessClock;
  procedure: ProcedureSpec | null;
  settings: RuleSettings;
  coverage: Record<string, number>;
  officialUnits: ReadonlyMap<string, string>;
  /** Whether an official works in the unit that received the dossier (or above or below it). */
  receivingDesk: (officialId: string) => boolean;
}

export interface Computed {
  dossier: DossierRow;
  segments: SegmentTable[];
  flags: Flag[];
  timeliness: DossierTimeliness;
}

const normalize = (s: string): string => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/** Pages show a step's name or its code; rollups group by the procedure's code when one matches. */
export function stepKey(procedure: ProcedureSpec | null, label: string | null): string {
  if (label === null) return '';
  const wanted = normalize(label);
  const step = procedure?.steps.find((s) => normalize(s.code) === wanted || normalize(s.name) === wanted);
  return step ? step.code : label;
}

/**
 * Whether the holder may read the dossier: confirmed custody that reached them through someone
 * else's word, or at their own unit's desk. Custody an official only gave themselves (acting on a
 * dossier of another unit nobody handed them) never opens its timeline to them.
 */
function opensAccess(s: Segment, receivingDesk: (officialId: string) => boolean): boolean {
  return s.evidence === 'confirmed' && !s.contested && (s.claimedBy !== null || receivingDesk(s.holderId));
}

export function computeDossier(input: ComputeInput): Computed {
  const { code, unitId, events, facts, timeline, now, clock, procedure } = input;
  const measuredTo = (from: number) => Math.max(from, facts.lastEventAt);
  const unitOf = (id: string) => input.officialUnits.get(id) ?? unitId;

  const segments: SegmentTable[] = timeline.segments.map((s, seq) => {
    const open = s.to === null;
    const measured = open ? measuredTo(s.from) : s.to!;
    const working = open ? clock.workingSecondsBetween(s.from, measured) : s.workingSeconds;
    const blamedTo = blameEnd({ ...s, to: measured }, measured);
    return {
      unit_id: unitId,
      dossier_code: code,
      seq,
      holder_id: s.holderId,
      holder_unit_id: unitOf(s.holderId),
      step: stepKey(procedure, s.step),
      step_label: s.step,
      from_at: s.from,
      to_at: s.to,
      day: s.to === null ? null : localDate(s.to),
      working_seconds: working,
      active_seconds: s.activeSeconds,
      ended_by: s.endedBy,
      start_known: s.startKnown ? 1 : 0,
      evidence: s.evidence,
      cause: s.cause,
      claimed_by: s.claimedBy,
      disputed_from: s.disputedFrom,
      contested: s.contested ? 1 : 0,
      blamed_seconds: s.evidence !== 'confirmed' ? 0 : blamedTo >= measured ? working : clock.workingSecondsBetween(s.from, blamedTo),
      read_access: opensAccess(s, input.receivingDesk) ? 1 : 0,
    };
  });

  const timeliness = classifyDossier(timeline, facts.appointmentAt, now, clock);
  const flags = evaluateRules({
    dossierCode: code,
    unitId,
    procedure,
    timeline,
    events,
    appointmentAt: facts.appointmentAt,
    now,
    clock,
    settings: input.settings,
    coverage: input.coverage,
  });

  const ordered = orderEvents(events);
  const reception = ordered.find((e) => e.kind === 'action' && e.action === 'receive');
  const codeDay = dayOfDossierCode(code);
  const state = holderState(timeline);
  const current = currentSegment(timeline);
  const pauses = timeline.pauses.map((p) => ({
    from: p.from,
    to: p.to,
    workingSeconds: p.to === null ? clock.workingSecondsBetween(p.from, measuredTo(p.from)) : p.workingSeconds,
  }));

  return {
    dossier: {
      unit_id: unitId,
      code,
      procedure_code: facts.procedureCode,
      // Without a captured reception the code's own date says when the desk received it.
      received_at: reception ? reception.at : codeDay ? localDayStart(codeDay) : null,
      received_known: reception ? 1 : 0,
      appointment_at: facts.appointmentAt,
      effective_appointment_at: timeliness.effectiveAppointmentAt,
      finished_at: timeline.finished?.at ?? null,
      finished_action: timeline.finished?.action ?? null,
      timeliness: timeliness.state,
      late_reason: timeliness.lateReason,
      supplement_requests: timeliness.supplementRequests,
      handling_seconds: timeliness.handlingSeconds,
      holder_state: state,
      current_holder_id: current?.holderId ?? null,
      current_holder_unit_id: current ? unitOf(current.holderId) : null,
      current_step: current ? stepKey(procedure, current.step) || null : null,
      holder_evidence: current?.evidence ?? null,
      unconfirmed_finish: timeline.unconfirmedFinish ? JSON.stringify(timeline.unconfirmedFinish) : null,
      pauses: JSON.stringify(pauses),
      anomalies: timeline.anomalies.length,
      event_count: ordered.length,
      last_event_at: Number.isFinite(facts.lastEventAt) ? facts.lastEventAt : null,
    },
    segments,
    flags,
    timeliness,
  };
}
