import { effectiveAppointment } from '../timeliness/effective-appointment.ts';
import { subtractWorkingSeconds } from '../timeliness/working-time.ts';
import { blamedSegment, dossierEvents } from './custody-view.ts';
import { createFlag, escalateDown, toHours } from './flag.ts';
import { instantAtWorked, measureStint, stintsOf } from './stints.ts';
import type { Flag, RuleInput } from './types.ts';

/**
 * A heads-up while there is still time: the remaining share of the dossier's time (against its
 * shifted appointment) or of the current step's allotment is at or below `remainingShare`.
 * Silent while paused (the clock is stopped) and once over: overdue and step_over_allotment take over.
 */
export function dueSoonRule(input: RuleInput): Flag[] {
  const cfg = input.settings.due_soon;
  if (!cfg.enabled) return [];
  const segment = blamedSegment(input.timeline);
  if (segment === null || segment.disputedFrom !== null) return [];
  return [...(cfg.dossier ? dossierDueSoon(input) : []), ...(cfg.step ? stepDueSoon(input) : [])];
}

/**
 * The dossier's allotted time is the procedure's total when known; else reception to appointment,
 * but only when reception was captured (a mid-process start would shrink the allotment).
 */
function dossierDueSoon(input: RuleInput): Flag[] {
  const { timeline, now, clock, appointmentAt } = input;
  const cfg = input.settings.due_soon;
  const first = timeline.segments[0];
  if (appointmentAt === null || first === undefined) return [];
  const totalDays = input.procedure?.totalDays;
  const total =
    totalDays !== undefined
      ? totalDays * input.settings.hoursPerWorkingDay * 3600
      : first.startKnown
        ? clock.workingSecondsBetween(first.from, appointmentAt)
        : 0;
  if (!(total > 0)) return [];
  const due = effectiveAppointment(appointmentAt, timeline.pauses, now, clock).at;
  if (now > due) return [];
  const remaining = clock.workingSecondsBetween(now, due);
  const threshold = cfg.remainingShare * total;
  if (remaining > threshold) return [];
  const holder = blamedSegment(timeline)!;
  return [
    createFlag(input, {
      rule: 'due_soon',
      variant: 'dossier',
      since: Math.max(first.from, subtractWorkingSeconds(clock, due, threshold)),
      officialId: holder.holderId,
      severity: escalateDown(remaining / total, cfg.severity),
      hoursOver: toHours(threshold - remaining),
      evidence: [dossierEvents(input).find((e) => e.appointmentAt === appointmentAt)?.id, holder.eventIds[0]],
      details: {
        scope: 'dossier',
        effectiveAppointmentAt: due,
        remainingHours: toHours(remaining),
        allottedHours: toHours(total),
      },
    }),
  ];
}

function stepDueSoon(input: RuleInput): Flag[] {
  const events = dossierEvents(input);
  const stint = stintsOf(input, events).find((s) => s.current);
  if (stint === undefined || stint.step === null) return [];
  const m = measureStint(input, stint, events);
  if (m.allottedSeconds === null || m.workedSeconds > m.allottedSeconds) return [];
  const cfg = input.settings.due_soon;
  const remaining = m.allottedSeconds - m.workedSeconds;
  const threshold = cfg.remainingShare * m.allottedSeconds;
  if (remaining > threshold) return [];
  const since = instantAtWorked(input.clock, stint.pieces, m.allottedSeconds - threshold) ?? stint.pieces[0]![0];
  return [
    createFlag(input, {
      rule: 'due_soon',
      variant: `step:${stint.step.code}`,
      since,
      officialId: stint.holderId,
      severity: escalateDown(remaining / m.allottedSeconds, cfg.severity),
      hoursOver: toHours(threshold - remaining),
      evidence: stint.segments.map((s) => s.eventIds[0]),
      details: {
        scope: 'step',
        step: stint.step.code,
        remainingHours: toHours(remaining),
        allottedHours: toHours(m.allottedSeconds),
        workedHours: toHours(m.workedSeconds),
      },
    }),
  ];
}
