import { z } from 'zod';
import { RULE_NAMES, SEVERITIES } from '../rules/types.ts';
import { pageResponseSchema } from './page.ts';

/** Flag answers of the API (GET /v1/flags, and the flags of a dossier). */
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
