import { z } from 'zod';
import { siteProfileSchema } from '../../schemas/profile.ts';

export const storedProfileSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  profile: siteProfileSchema,
});
export type StoredProfile = z.infer<typeof storedProfileSchema>;

export const profileListResponseSchema = z.object({ profiles: z.array(storedProfileSchema) });
export const profileResponseSchema = z.object({ profile: storedProfileSchema });
/** What the extension fetches: the latest version of each profile, as the reader consumes it. */
export const profileFeedResponseSchema = z.object({ profiles: z.array(siteProfileSchema) });
