export { classifyDossier } from './classify-dossier.ts';
export { effectiveAppointment } from './effective-appointment.ts';
export { summarizeTimeliness } from './summarize-timeliness.ts';
export { TIMELINESS_STATES } from './types.ts';
export {
  addWorkingSeconds,
  localDayNumber,
  localDayStart,
  subtractWorkingSeconds,
  VN_UTC_OFFSET_MINUTES,
} from './working-time.ts';
export type { AppointmentShift, EffectiveAppointment } from './effective-appointment.ts';
export type {
  ClassifyOptions,
  DossierTimeliness,
  LateReason,
  TimelinessShares,
  TimelinessState,
  TimelinessSummary,
} from './types.ts';
export type { TimelinessClock } from './working-time.ts';
