import { z } from 'zod';

/** Response shapes of the derived statistics (unit figures, a unit's officials); my summary is in me-summary.ts. */
const int = z.number().int();
export const periodSchema = z.object({ from: z.string(), to: z.string(), days: int });
export const openFlagsSchema = z.object({ total: int, byRule: z.record(z.string(), int) });

/** Over ended custody segments; p50/p90 from summed sketch buckets (within 1 %). */
const figures = {
  segments: int,
  /** Segments ended by a hand-over or a finishing action. */
  handled: int,
  workingHours: z.number(),
  activeHours: z.number(),
  p50Hours: z.number().nullable(),
  p90Hours: z.number().nullable(),
};

const shares = z.object({ early: z.number(), onTime: z.number(), late: z.number(), earlyOrOnTime: z.number() });

export const unitStatsSchema = z.object({
  unitId: z.string(),
  name: z.string().nullable(),
  /** Dossiers received by the unit in the period (the unit in the dossier code). */
  received: int,
  /** Of its dossiers, those finished in the period, classified by shared/timeliness. */
  finished: int,
  timeliness: z.object({ early: int, onTime: int, late: int, unknown: int, shares: shares.nullable() }),
  ...figures,
  steps: z.array(z.object({ step: z.string(), ...figures })),
  openFlags: openFlagsSchema,
  /** The unit's heads, answerable for its late share and open flags. */
  answerable: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
});

export const unitStatsResponseSchema = z.object({
  period: periodSchema,
  units: z.array(unitStatsSchema),
  previous: z.object({ period: periodSchema, units: z.array(unitStatsSchema) }).optional(),
});

export const officialFiguresSchema = z.object({
  officialId: z.string(),
  username: z.string(),
  displayName: z.string(),
  currentUnitId: z.string(),
  ...figures,
  openFlags: openFlagsSchema,
});

export const unitOfficialsResponseSchema = z.object({
  unitId: z.string(),
  period: periodSchema,
  officials: z.array(officialFiguresSchema),
  previous: z.object({ period: periodSchema, officials: z.array(officialFiguresSchema) }).optional(),
});
