import { z } from 'zod';
import { pageResponseSchema, pageSchema } from '../dossiers/dossiers.schemas.ts';

export const securityAlertsQuerySchema = z.object({ days: z.coerce.number().int().min(1).max(366).default(30), ...pageSchema });
export const securityAlertsResponseSchema = z.object({
  alerts: z.array(
    z.object({
      kind: z.string(),
      subject: z.string(),
      unitId: z.string().nullable(),
      firstAt: z.string(),
      lastAt: z.string(),
      count: z.number().int(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
  page: pageResponseSchema,
});
