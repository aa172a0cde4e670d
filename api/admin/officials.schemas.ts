import { z } from 'zod';
import { safeText } from '../../shared/schemas/safe-text.ts';
import { unitIdSchema } from '../../shared/schemas/dossier.ts';
import { ROLES } from '../../shared/schemas/api.ts';

const username = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{1,49}$/, 'tên đăng nhập: chữ thường, số, . _ - (2–50 ký tự) / username: lowercase letters, digits, . _ -');
const displayName = safeText({ min: 1, max: 200 });
/** Length is what resists guessing; scrypt makes each guess expensive. */
export const passwordSchema = safeText({ trim: false, max: 200 }).min(
  8,
  'mật khẩu tối thiểu 8 ký tự / password needs 8 characters or more',
);
const backofficeAccount = safeText({ min: 1, max: 100 });
const role = z.enum(ROLES);

export const officialSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.string(),
  role,
  backofficeAccount: z.string().nullable(),
  /** Further accounts of the same official on other back-offices: pages signed in as any of them are theirs. */
  otherBackofficeAccounts: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
});
export type Official = z.infer<typeof officialSchema>;

export const officialListQuerySchema = z.object({ unitId: unitIdSchema.optional() });
export const officialListResponseSchema = z.object({ officials: z.array(officialSchema) });
export const officialResponseSchema = z.object({ official: officialSchema });

export const createOfficialSchema = z
  .object({
    username,
    displayName,
    unitId: unitIdSchema,
    role,
    password: passwordSchema,
    backofficeAccount: backofficeAccount.nullable().optional(),
    otherBackofficeAccounts: z.array(backofficeAccount).max(10).optional(),
  })
  .strict();
export type CreateOfficial = z.infer<typeof createOfficialSchema>;

export const updateOfficialSchema = z
  .object({
    displayName: displayName.optional(),
    unitId: unitIdSchema.optional(),
    role: role.optional(),
    active: z.boolean().optional(),
    backofficeAccount: backofficeAccount.nullable().optional(),
    /** Replaces the list. */
    otherBackofficeAccounts: z.array(backofficeAccount).max(10).optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'không có gì để cập nhật / nothing to update');
export type UpdateOfficial = z.infer<typeof updateOfficialSchema>;

export const resetPasswordSchema = z.object({ password: passwordSchema }).strict();
export const okResponseSchema = z.object({ ok: z.literal(true) });
