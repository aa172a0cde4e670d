import type { SiteProfile } from '../../shared/schemas/profile.ts';
import { pageRuleFor } from './read-page.ts';

// Runs in the content script: no schema library here (zod's eval probe would ship to every page).

/**
 * Which profile reads this URL now: the first with a page rule for it; else, when a profile owns
 * the origin, that profile with no rule (the page is not read, and says so); else the generic
 * reader. `standingIn`: the generic reader stands in on a page that profiles claim by origin.
 */
export type ProfileChoice = { profile: SiteProfile | null; unread: SiteProfile | null; standingIn: SiteProfile | null };
export function chooseProfile(candidates: readonly SiteProfile[], generic: SiteProfile | null, url: string): ProfileChoice {
  const ruled = candidates.find((p) => pageRuleFor(p, url));
  if (ruled) return { profile: ruled, unread: null, standingIn: null };
  const owner = candidates.find((p) => p.ownsOrigin);
  if (owner) return { profile: owner, unread: owner, standingIn: null };
  return { profile: generic, unread: null, standingIn: generic ? (candidates[0] ?? null) : null };
}
