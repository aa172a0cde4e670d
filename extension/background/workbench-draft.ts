import { siteProfileSchema, type SiteProfile } from '../../shared/schemas/profile.ts';

/**
 * A draft pasted in the workbench, checked against the profile schema here in the background, so
 * the content script that reads the page with it carries no schema library.
 */
export function workbenchDraft(draft: unknown): { profile: SiteProfile | undefined } | { invalid: string[] } {
  if (draft === undefined || draft === null) return { profile: undefined };
  const parsed = siteProfileSchema.safeParse(draft);
  if (parsed.success) return { profile: parsed.data };
  return { invalid: parsed.error.issues.map((i) => `${i.path.join('.') || '(gốc / root)'}: ${i.message}`) };
}
