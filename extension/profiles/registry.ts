import { siteProfileSchema, type SiteProfile } from '../../shared/schemas/profile.ts';
import spa from './bundled/backoffice-spa.ts';
import classic from './bundled/backoffice-classic.ts';
import { GENERIC_PROFILE } from './generic.ts';
import { profileMatches } from './match-url.ts';
import { pageRuleFor } from './read-page.ts';

export { chooseProfile } from './choose-profile.ts';

/** Profiles shipped with the extension; admin-managed ones from the API are added at run time. */
export const BUNDLED_PROFILES: SiteProfile[] = [spa, classic].map((p) => siteProfileSchema.parse(p));

/** Validates profiles from an untrusted source; an invalid one is dropped, the rest still work. */
export function validProfiles(input: unknown[]): { profiles: SiteProfile[]; errors: string[] } {
  const profiles: SiteProfile[] = [];
  const errors: string[] = [];
  for (const p of input) {
    const r = siteProfileSchema.safeParse(p);
    if (r.success) profiles.push(r.data);
    else errors.push(r.error.message);
  }
  return { profiles, errors };
}

/** Admin-managed profiles override bundled ones with the same id when their version is newer. */
export function mergeProfiles(bundled: SiteProfile[], managed: SiteProfile[]): SiteProfile[] {
  const byId = new Map(bundled.map((p) => [p.id, p]));
  for (const p of managed) {
    const known = byId.get(p.id);
    if (!known || p.version > known.version) byId.set(p.id, p);
  }
  return [...byId.values()];
}

/** The profiles that claim this URL: matched by origin pattern and by one of their page rules. */
export function profilesFor(all: SiteProfile[], url: string): SiteProfile[] {
  return all.filter((p) => profileMatches(p, url) && pageRuleFor(p, url) !== null);
}

/**
 * The profiles a page may need over its whole life: every profile whose `matches` take this URL,
 * with or without a page rule for it. A single-page app lands on a route no rule covers (its
 * dashboard) and moves to a list without loading a page, so the choice is made again on every
 * route change (`chooseProfile`), never once at load.
 */
export function profilesForOrigin(all: SiteProfile[], url: string): SiteProfile[] {
  return all.filter((p) => profileMatches(p, url));
}

export const GENERIC = siteProfileSchema.parse(GENERIC_PROFILE);
