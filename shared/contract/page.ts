import { z } from 'zod';

/** Paging of a list request (spread into its query schema). */
export const pageSchema = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

/** A page of a list answer: where the next one starts, null after the last. */
export const pageResponseSchema = z.object({
  limit: z.number().int(),
  offset: z.number().int(),
  total: z.number().int(),
  nextOffset: z.number().int().nullable(),
});
