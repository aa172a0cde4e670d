import { z } from 'zod';
import { dossierCodeSchema, unitIdSchema } from '../../shared/schemas/dossier.ts';
import { RULE_NAMES, SEVERITIES } from '../../shared/rules/index.ts';
import { pageSchema } from '../dossiers/dossiers.schemas.ts';

// The response shapes live in shared/contract/, where the extension and the dashboard read them.
export { flagListResponseSchema } from '../../shared/contract/flags.ts';

export const flagListQuerySchema = z.object({
  /** The responsible unit: the flagged official's, or the dossier's when nobody is named. */
  unitId: unitIdSchema.optional(),
  rule: z.enum(RULE_NAMES).optional(),
  /** This severity or worse. */
  severity: z.enum(SEVERITIES).optional(),
  /** Elapsed hours since the condition began. */
  minAgeHours: z.coerce.number().min(0).max(100_000).optional(),
  status: z.enum(['open', 'closed', 'all']).default('open'),
  officialId: z.string().min(1).max(100).optional(),
  /**
   * Only these dossiers (comma-separated, at most 200): what a list page shows. The extension asks
   * for its page's rows this way, so a badge follows a new flag within seconds.
   */
  dossierCodes: z
    .string()
    .max(200 * 40)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(dossierCodeSchema).min(1).max(200))
    .optional(),
  ...pageSchema,
});
export type FlagListQuery = z.infer<typeof flagListQuerySchema>;
