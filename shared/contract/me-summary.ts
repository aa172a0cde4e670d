import { z } from 'zod';
import { periodSchema } from './stats.ts';

/** GET /v1/me/summary: the signed-in official's own figures, what the extension's popup shows. */
const int = z.number().int();

const ownPeriod = z.object({
  period: periodSchema,
  handled: int,
  segments: int,
  workingHours: z.number(),
  activeHours: z.number(),
  dossiersFinished: int,
  onTimeShare: z.number().nullable(),
});

export const meSummaryResponseSchema = z.object({
  official: z.object({ id: z.string(), displayName: z.string(), unitId: z.string(), role: z.string() }),
  today: ownPeriod,
  week: ownPeriod,
  /** Dossiers held right now. */
  holding: int,
  atRisk: z.array(
    z.object({
      dossierCode: z.string(),
      rule: z.string(),
      severity: z.string(),
      step: z.string().nullable(),
      since: z.string(),
      hoursOver: z.number(),
      /** Working hours left (due soon), negative past due, null when the rule has no deadline. */
      hoursLeft: z.number().nullable(),
      appointmentAt: z.string().nullable(),
    }),
  ),
});
