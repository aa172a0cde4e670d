import { z } from 'zod';
import { safeText } from '../../shared/schemas/safe-text.ts';
import { dossierCodeSchema, unitIdSchema } from '../../shared/schemas/dossier.ts';
import { dayPeriodQuerySchema } from '../stats/day-period.ts';
import { pageSchema } from '../dossiers/dossiers.schemas.ts';
import { checkpointChainSchema } from '../integrity/checkpoints.schemas.ts';

export const MAX_SAMPLE = 200;

export const createInspectionSchema = z.object({
  unitId: unitIdSchema,
  sampleSize: z.number().int().min(1).max(MAX_SAMPLE),
  /** Chosen by the inspector to make the draw verifiable by others; generated when absent. */
  seed: safeText({ min: 1, max: 200 }).optional(),
  /** Only dossiers received in these local days (inclusive). */
  from: dayPeriodQuerySchema.shape.from,
  to: dayPeriodQuerySchema.shape.to,
});
export type CreateInspection = z.infer<typeof createInspectionSchema>;

export const findingSchema = z.object({
  /** Whether the time the dossier took (or is taking) has a legitimate reason. */
  delayJustified: z.boolean(),
  responsibleOfficialId: safeText({ min: 1, max: 100 }).nullable().optional(),
  note: safeText({ min: 1, max: 4000 }),
});
export type FindingInput = z.infer<typeof findingSchema>;

/** An empty body is allowed: the conclusion is optional. */
export const closeInspectionSchema = z.object({ conclusion: safeText({ min: 1, max: 8000 }).optional() });
export type CloseInspection = z.infer<typeof closeInspectionSchema>;

export const inspectionListQuerySchema = z.object({
  unitId: unitIdSchema.optional(),
  status: z.enum(['open', 'closed', 'all']).default('all'),
  ...pageSchema,
});
export type InspectionListQuery = z.infer<typeof inspectionListQuerySchema>;

export const inspectionDetailQuerySchema = z.object({
  /** Include every candidate's weight (can be large), to replay the draw. */
  population: z.enum(['true', 'false']).optional(),
});

export const inspectionIdSchema = z.uuid();
export const findingPathSchema = z.object({ id: inspectionIdSchema, dossierCode: dossierCodeSchema });

/* Response shapes, for the route table and the documentation. */
const person = z.object({ id: z.string(), username: z.string().nullable(), displayName: z.string().nullable() });
const finding = z.object({
  delayJustified: z.boolean(),
  responsibleOfficial: person.nullable(),
  note: z.string(),
  recordedBy: person.nullable(),
  recordedAt: z.string(),
});
export const inspectionSummarySchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  inspector: person,
  seed: z.string(),
  sampleSize: z.number().int(),
  drawnSize: z.number().int(),
  findingsRecorded: z.number().int(),
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  drawnAt: z.string(),
  closedAt: z.string().nullable(),
  closedBy: person.nullable(),
  conclusion: z.string().nullable(),
});
export const sampledDossierSchema = z.object({
  position: z.number().int(),
  dossierCode: z.string(),
  unitId: z.string(),
  weight: z.number(),
  risk: z.looseObject({ late: z.boolean(), daysLate: z.number(), openFlags: z.record(z.string(), z.number()) }),
  drawKey: z.number(),
  evidence: z.looseObject({
    frozenAt: z.string(),
    dossier: z.looseObject({}),
    segments: z.array(z.looseObject({})),
    flags: z.array(z.looseObject({})),
    events: z.array(z.looseObject({})),
  }),
  evidenceSha256: z.string(),
  finding: finding.nullable(),
});
export const inspectionDetailSchema = z.object({
  inspection: inspectionSummarySchema,
  draw: z.object({
    algorithm: z.string(),
    seed: z.string(),
    weighting: z.looseObject({}),
    populationSize: z.number().int(),
    population: z.array(z.object({ code: z.string(), weight: z.number() })).optional(),
  }),
  dossiers: z.array(sampledDossierSchema),
  reports: z.object({ html: z.string(), csv: z.string(), htmlSha256: z.string(), csvSha256: z.string() }).nullable(),
  /** The signed checkpoint of every hash chain: taken when the inspection closed, or the newest while open. */
  checkpoint: z
    .object({
      seq: z.number().int(),
      issuedAt: z.string(),
      keyId: z.string(),
      chainCount: z.number().int(),
      eventCount: z.number().int(),
      log: z.object({ length: z.number().int(), head: z.string() }),
      sha256: z.string(),
      signature: z.string(),
      download: z.string(),
      chains: z.array(checkpointChainSchema),
    })
    .nullable(),
});
export const inspectionListSchema = z.object({
  inspections: z.array(inspectionSummarySchema),
  page: z.object({ limit: z.number().int(), offset: z.number().int(), total: z.number().int(), nextOffset: z.number().int().nullable() }),
});
export const findingResponseSchema = z.object({ dossier: sampledDossierSchema });
