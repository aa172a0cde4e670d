import { z } from 'zod';
import { safeText } from './safe-text.ts';

export const loginRequestSchema = z
  .object({
    username: safeText({ min: 1, max: 100 }),
    password: safeText({ min: 1, max: 200, trim: false }),
  })
  .strict();

/** `leader`: a unit head, scoped to their unit subtree like an inspector, who decides explanations and signs sheets. */
export const ROLES = ['clerk', 'leader', 'inspector', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in official, as sign-in and GET /v1/auth/me answer. */
export const sessionOfficialSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  unitId: z.string(),
  /** The account this official signs in to the back-office with: whose actions a page shows as theirs. */
  backofficeAccount: z.string().nullable(),
});

export const loginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  serverTime: z.string(),
  official: sessionOfficialSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const officialStatsRowSchema = z.object({
  officialId: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.string(),
  dossiersHandled: z.number().int(),
  actions: z.number().int(),
  activeSeconds: z.number(),
  dossiers: z.array(z.object({ dossierCode: z.string(), actions: z.number().int(), activeSeconds: z.number() })),
});
export type OfficialStatsRow = z.infer<typeof officialStatsRowSchema>;

/** One JSON shape for every error the API returns. */
