import { z } from 'zod';
import { flagSchema } from '../flags/flags.schemas.ts';
import { dossierSummarySchema, eventViewSchema, segmentViewSchema } from './dossiers.schemas.ts';

/** GET /v1/dossiers/:code: the custody timeline, the supplement pauses, every flag, the events. */
export const dossierDetailResponseSchema = z.object({
  dossier: dossierSummarySchema,
  segments: z.array(segmentViewSchema),
  pauses: z.array(z.object({ reason: z.literal('supplement'), from: z.string().nullable(), to: z.string().nullable(), workingHours: z.number().nullable() })),
  flags: z.array(flagSchema),
  /** Only what custody used: no back-office account, no page data, no hash-chain internals. */
  events: z.array(eventViewSchema),
});
