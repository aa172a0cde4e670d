import type { SiteProfile } from '../../shared/schemas/profile.ts';
import { profileMatches } from './match-url.ts';

/**
 * The back-office URL that opens a dossier: the profile's template filled with the origin of the
 * back-office tab the official has open (or the profile's first concrete origin).
 */
export function detailUrlFor(profiles: SiteProfile[], code: string, tabUrl: string | null): string | null {
  const withTemplate = profiles.filter((p) => p.detailUrl);
  const fromTab = tabUrl ? withTemplate.find((p) => profileMatches(p, tabUrl)) : undefined;
  const profile = fromTab ?? withTemplate.find((p) => p.matches.some((m) => !m.includes('*.') && !m.startsWith('*')));
  if (!profile) return null;
  let origin: string | null = null;
  if (fromTab && tabUrl) origin = new URL(tabUrl).origin;
  else {
    const m = profile.matches.map((x) => /^(https?:\/\/[^/*]+)\//.exec(x)?.[1]).find(Boolean);
    origin = m ?? null;
  }
  if (!origin) return null;
  return profile.detailUrl!.replaceAll('{origin}', origin).replaceAll('{code}', encodeURIComponent(code));
}
