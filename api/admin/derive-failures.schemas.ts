import { z } from 'zod';
import { unitIdSchema } from '../../shared/schemas/dossier.ts';

export const deriveFailuresQuerySchema = z.object({ unitId: unitIdSchema.optional() });

/** A dossier parked after its derivation failed: retried after a back-off, or at once on its next event. */
export const deriveFailureSchema = z.object({
  unitId: z.string(),
  dossierCode: z.string(),
  attempts: z.number().int(),
  error: z.string(),
  markedAt: z.string(),
  retryAt: z.string().nullable(),
});
export const deriveFailuresResponseSchema = z.object({ failures: z.array(deriveFailureSchema) });
