import { z } from 'zod';
import { dossierCodeSchema, unitIdSchema } from '../../shared/schemas/dossier.ts';
import { RULE_NAMES, SEVERITIES } from '../../shared/rules/index.ts';
import { pageResponseSchema, pageSchema } from '../dossiers/dossiers.schemas.ts';


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

export const flagSchema = z.object({
  key: z.string(),
  dossierCode: z.string(),
  unitId: z.string(),
  responsibleUnitId: z.string(),
  rule: z.enum(RULE_NAMES),
  severity: z.enum(SEVERITIES),
  officialId: z.string().nullable(),
  since: z.string(),
  /** Elapsed hours since the condition began (until it closed). */
  ageHours: z.number(),
  /** Working hours beyond the rule's threshold. */
  hoursOver: z.number(),
  /** Ids of the events that prove it (listed by GET /v1/dossiers/:code). */
  evidence: z.array(z.string()),
  details: z.record(z.string(), z.unknown()),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  /** An accepted explanation answered it (issue 18); absent in evidence frozen before. */
  justified: z.boolean().optional(),
});

export const flagListResponseSchema = z.object({ flags: z.array(flagSchema), page: pageResponseSchema });
