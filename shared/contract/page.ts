import { z } from 'zod';

/** A page of a list answer: where the next one starts, null after the last. */
export const pageResponseSchema = z.object({ limit: z.number().int(), offset: z.number().int(), total: z.number().int(), nextOffset: z.number().int().nullable() });
