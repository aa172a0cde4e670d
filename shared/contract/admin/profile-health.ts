import { z } from 'zod';
import { unitIdSchema } from '../../schemas/dossier.ts';
import { pageResponseSchema, pageSchema } from '../page.ts';

export const profileHealthQuerySchema = z.object({ unitId: unitIdSchema.optional(), ...pageSchema });

/** One missing anchor of one profile version, summed over the units in view. */
export const profileHealthRowSchema = z.object({
  profileId: z.string(),
  profileVersion: z.number().int(),
  pageKind: z.string(),
  anchor: z.string(),
  count: z.number().int(),
  firstAt: z.string(),
  lastAt: z.string(),
  units: z.number().int(),
  lastOfficialId: z.string(),
  lastOfficialUsername: z.string().nullable(),
  /** The newest stored version of the profile, null for a bundled profile the API does not hold. */
  latestVersion: z.number().int().nullable(),
  /** A newer version exists: the miss may already be fixed. */
  superseded: z.boolean(),
});
export type ProfileHealthRow = z.infer<typeof profileHealthRowSchema>;
/** Values the server held back as suspected personal data: field and kind per profile version, never the value. */
export const personalDataHeldRowSchema = z.object({
  profileId: z.string(),
  profileVersion: z.number().int(),
  field: z.string().describe('The event field whose value was dropped: status, step, handler, toAccount or backofficeUser'),
  kind: z.string().describe('What the value looked like: citizen_id, old_id, phone, email, address, person_name, beyond_label'),
  count: z.number().int(),
  firstAt: z.string(),
  lastAt: z.string(),
  units: z.number().int(),
});
export const profileHealthResponseSchema = z.object({
  misses: z.array(profileHealthRowSchema),
  page: pageResponseSchema,
  /** Reports counted without being stored (the last 30 days): beyond an official's daily cap, or for a profile the server does not know. */
  counted: z.object({ since: z.string(), overCap: z.number().int(), unknownProfile: z.number().int(), officials: z.number().int() }),
  /** Free-text values dropped at ingest because they looked like a citizen's personal data (never stored). */
  personalData: z.array(personalDataHeldRowSchema),
  /** Hand-overs of the last 30 days whose receiver is no known official: not read by the profile, or an unknown account. */
  receivers: z.array(
    z.object({
      profileId: z.string(),
      profileVersion: z.number().int(),
      receiver: z
        .enum(['not_read', 'unknown'])
        .describe('not_read: the profile read no receiver; unknown: the account read matches no official'),
      count: z.number().int(),
      lastAt: z.string(),
    }),
  ),
});
export type ProfileHealthResponse = z.infer<typeof profileHealthResponseSchema>;
