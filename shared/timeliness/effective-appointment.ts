import type { Pause } from '../custody/types.ts';
import { addWorkingSeconds } from './working-time.ts';
import type { TimelinessClock } from './working-time.ts';

/** How one supplement pause moved (or did not move) the appointment. */
export interface AppointmentShift {
  pauseFrom: number;
  /** Where the pause was cut: its end, or `asOf` while it is still running. */
  pauseTo: number;
  /** Working seconds of the pause (elapsed seconds without a clock). */
  seconds: number;
  /** False when the pause began after the appointment already passed. */
  applied: boolean;
}

export interface EffectiveAppointment {
  at: number;
  shifts: AppointmentShift[];
}

/**
 * The appointment after supplement pauses: the time the citizen spends supplementing is added to
 * it, in working time (DOMAIN.md). Only pauses begun by `asOf` count, cut at `asOf`.
 *
 * A pause begun after the (already shifted) appointment does not move it: the dossier was late
 * before the citizen was asked for anything, and a request must not be a way to launder lateness.
 *
 * Without a clock the pause's elapsed time is added: exact for calendar-day procedures and
 * all-time calendars, an approximation otherwise.
 */
export function effectiveAppointment(
  appointmentAt: number,
  pauses: readonly Pause[],
  asOf: number,
  clock?: TimelinessClock,
): EffectiveAppointment {
  let at = appointmentAt;
  const shifts: AppointmentShift[] = [];
  const ordered = pauses.filter((p) => p.from <= asOf).sort((a, b) => a.from - b.from);
  for (const pause of ordered) {
    const pauseTo = Math.max(pause.from, Math.min(pause.to ?? asOf, asOf));
    const seconds = clock ? clock.workingSecondsBetween(pause.from, pauseTo) : (pauseTo - pause.from) / 1000;
    const applied = pause.from <= at;
    if (applied) at = clock ? addWorkingSeconds(clock, at, seconds) : at + (pauseTo - pause.from);
    shifts.push({ pauseFrom: pause.from, pauseTo, seconds, applied });
  }
  return { at, shifts };
}
