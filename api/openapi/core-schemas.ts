import { z } from 'zod';
import { loginResponseSchema, officialStatsRowSchema, sessionOfficialSchema } from '../../shared/schemas/api.ts';
import { eventSchema, MAX_BATCH_EVENTS } from '../../shared/schemas/events.ts';

/** Response shapes of the routes outside api/admin, described here so the table covers every route. */

export const okSchema = z.object({ ok: z.literal(true) });
export const readySchema = z.object({ ok: z.literal(true), database: z.enum(['sqlite', 'postgres']) });

export const loginDocSchema = loginResponseSchema;
export const meSchema = z.object({ official: sessionOfficialSchema });

/** The handler checks the envelope first and each event on its own; the document shows the events' shape. */
export const eventBatchDocSchema = z.object({
  sentAt: z.iso.datetime({ offset: true }),
  events: z.array(eventSchema).max(MAX_BATCH_EVENTS),
});

export const officialStatsSchema = z.object({ officials: z.array(officialStatsRowSchema) });

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const openApiDocumentSchema = z.record(z.string(), z.unknown());
export const htmlSchema = z.string();
