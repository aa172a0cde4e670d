import { z } from 'zod';
import { dossierCodeSchema, unitIdSchema } from '../../shared/schemas/dossier.ts';
import { TIMELINESS_STATES } from '../../shared/timeliness/index.ts';
import { pageSchema } from '../../shared/contract/page.ts';

// The response shapes live in shared/contract/, where the extension and the dashboard read them.
export { pageResponseSchema, pageSchema } from '../../shared/contract/page.ts';
export { dossierListResponseSchema } from '../../shared/contract/dossiers.ts';

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const dossierCodeParamSchema = z.object({ code: dossierCodeSchema });

export const dossierListQuerySchema = z.object({
  /** Received by this unit or held by one of its officials. */
  unitId: unitIdSchema.optional(),
  /** Held (now or earlier) by this official. */
  officialId: z.string().min(1).max(100).optional(),
  /** With at least one open flag (true) or none (false). */
  flagged: bool.optional(),
  finished: bool.optional(),
  timeliness: z.enum(TIMELINESS_STATES).optional(),
  ...pageSchema,
});
export type DossierListQuery = z.infer<typeof dossierListQuerySchema>;
