import type { CustodyTimeline } from '../custody/types.ts';
import { effectiveAppointment } from './effective-appointment.ts';
import type { ClassifyOptions, DossierTimeliness, LateReason, TimelinessState } from './types.ts';
import { localDayNumber, VN_UTC_OFFSET_MINUTES } from './working-time.ts';
import type { TimelinessClock } from './working-time.ts';

/**
 * Classifies one dossier as of `periodEnd` (inclusive): what happened after it is ignored, so a
 * past period's report does not change when the dossier later moves on.
 *
 * Finished dossiers, against the appointment shifted by supplement pauses:
 * - late      — finished after the appointment instant;
 * - on_time   — finished by the appointment instant, on its local (UTC+7) date;
 * - early     — finished on an earlier local date.
 * So a dossier promised for 16:00 and done at 10:00 the same day is on time, not early, and one done
 * at 16:30 that day is late: the list shows the appointment to the minute, and a citizen who came
 * at 16:00 did not get the result.
 *
 * Unfinished at `periodEnd`: late when the appointment is before `periodEnd`; while paused, late
 * when the pause began after the appointment had passed (the pause then does not shift it).
 * More than `maxSupplementRequests` supplement requests make any state late, as in the national
 * index. Requests are counted as pauses: a request repeated while the citizen still has the first
 * one is the same wait, which custody reports as an anomaly rather than a pause.
 */
export function classifyDossier(
  timeline: CustodyTimeline,
  appointmentAt: number | null,
  periodEnd: number,
  clock?: TimelinessClock,
  options: ClassifyOptions = {},
): DossierTimeliness {
  const offset = options.utcOffsetMinutes ?? VN_UTC_OFFSET_MINUTES;
  const maxRequests = options.maxSupplementRequests ?? 1;
  const finishedAt = timeline.finished !== null && timeline.finished.at <= periodEnd ? timeline.finished.at : null;
  const asOf = finishedAt ?? periodEnd;
  const pauses = timeline.pauses.filter((p) => p.from <= asOf);
  const supplementRequests = pauses.length;
  const tooManyRequests = supplementRequests > maxRequests;
  const openPause = finishedAt === null ? pauses.find((p) => p.to === null || p.to > periodEnd) : undefined;

  const held = finishedAt === null ? [] : timeline.segments.filter((s) => s.from <= finishedAt);
  const handlingSeconds = finishedAt === null ? null : held.reduce((sum, s) => sum + s.workingSeconds, 0);
  const handlingFromReception = timeline.segments[0]?.startKnown ?? false;
  const result = (state: TimelinessState, effectiveAppointmentAt: number | null, lateReason: LateReason | null) => ({
    state,
    finishedAt,
    effectiveAppointmentAt,
    lateReason,
    supplementRequests,
    handlingSeconds,
    handlingFromReception,
  });
  const phase = finishedAt !== null ? 'finished' : openPause ? 'paused' : 'in_progress';
  const lateState: Record<typeof phase, TimelinessState> = {
    finished: 'late',
    paused: 'paused_late',
    in_progress: 'in_progress_late',
  };

  if (appointmentAt === null) {
    return tooManyRequests ? result(lateState[phase], null, 'multiple_supplements') : result('unknown', null, null);
  }
  const effective = effectiveAppointment(appointmentAt, pauses, asOf, clock);
  const due = effective.at;

  let afterDue: boolean;
  if (phase === 'finished') afterDue = finishedAt! > due;
  else if (phase === 'paused') afterDue = effective.shifts.some((s) => s.pauseFrom === openPause!.from && !s.applied);
  else afterDue = due < periodEnd;

  if (afterDue) return result(lateState[phase], due, 'after_appointment');
  if (tooManyRequests) return result(lateState[phase], due, 'multiple_supplements');
  if (phase === 'paused') return result('paused_on_time', due, null);
  if (phase === 'in_progress') return result('in_progress_on_time', due, null);
  const early = localDayNumber(finishedAt!, offset) < localDayNumber(due, offset);
  return result(early ? 'early' : 'on_time', due, null);
}
