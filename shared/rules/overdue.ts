import { effectiveAppointment } from '../timeliness/effective-appointment.ts';
import { blamedSegment, dossierEvents, endOf, findAction, holderState } from './custody-view.ts';
import { createFlag, escalate, toHours } from './flag.ts';
import { measureStint, stintsOf } from './stints.ts';
import type { Flag, JsonValue, RuleInput } from './types.ts';

/**
 * Past the appointment (shifted by supplement pauses), now or at the finish. Names the current
 * holder, who must act now, and lists as contributors the holders whose stints ran over their
 * step's allotment: the lateness was made there, not necessarily by whoever holds it last. Only
 * a holder with confirmed, undisputed custody is named; otherwise nobody (the state says why).
 * A finished late dossier keeps its flag (officialId null) as the record of its lateness.
 */
export function overdueRule(input: RuleInput): Flag[] {
  const cfg = input.settings.overdue;
  if (!cfg.enabled || input.appointmentAt === null) return [];
  const { timeline, clock } = input;
  const end = endOf(input);
  const due = effectiveAppointment(input.appointmentAt, timeline.pauses, end, clock);
  if (!(end > due.at)) return [];

  const events = dossierEvents(input);
  const overSeconds = clock.workingSecondsBetween(due.at, end);
  const measures = stintsOf(input, events).map((stint) => measureStint(input, stint, events));
  const describe = (m: (typeof measures)[number]): JsonValue => ({
    officialId: m.stint.holderId,
    step: m.stint.step?.code ?? m.stint.stepLabel,
    hoursOver: toHours(m.overSeconds),
  });
  const blamed = end === input.now ? blamedSegment(timeline) : null;
  const holder = blamed !== null && blamed.disputedFrom === null ? blamed.holderId : null;
  const pauseEvents = timeline.pauses.flatMap((p) => [
    findAction(events, p.from, 'supplement_request')?.id,
    p.to === null ? undefined : findAction(events, p.to)?.id,
  ]);
  const finished = timeline.finished;
  return [
    createFlag(input, {
      rule: 'overdue',
      since: due.at,
      officialId: holder,
      severity: escalate(overSeconds / 3600, cfg.severity),
      hoursOver: toHours(overSeconds),
      evidence: [
        events.find((e) => e.appointmentAt === input.appointmentAt)?.id,
        ...pauseEvents,
        finished === null || finished.at > end ? undefined : findAction(events, finished.at, finished.action)?.id,
      ],
      details: {
        appointmentAt: input.appointmentAt,
        effectiveAppointmentAt: due.at,
        pausedHours: toHours(due.shifts.filter((s) => s.applied).reduce((sum, s) => sum + s.seconds, 0)),
        finishedAt: finished !== null && finished.at <= end ? finished.at : null,
        state: holderState(timeline),
        contributors: measures.filter((m) => m.overSeconds > 0 && m.blamed).map(describe),
        notMeasured: measures.filter((m) => m.overSeconds > 0 && !m.blamed).map(describe),
      },
    }),
  ];
}
