import { browser } from 'wxt/browser';
import type { SiteProfile } from '../../shared/schemas/profile.ts';
import { validProfiles } from '../profiles/registry.ts';

const KEY = 'managedProfiles';
type Cached = { fetchedAt: number; profiles: SiteProfile[]; errors: string[]; etag?: string | null };

/** Profiles an admin wrote on the server, re-validated here: a bad one is dropped, never run. */
export async function loadManagedProfiles(): Promise<SiteProfile[]> {
  const cached = (await browser.storage.local.get(KEY))[KEY] as Cached | undefined;
  const fromPolicy = await policyProfiles();
  return [...(cached?.profiles ?? []), ...fromPolicy];
}

/** A province may also preset profiles by enterprise policy (storage.managed, JSON text). */
async function policyProfiles(): Promise<SiteProfile[]> {
  try {
    const { profiles } = await browser.storage.managed.get('profiles');
    if (typeof profiles !== 'string' || !profiles) return [];
    const parsed = JSON.parse(profiles) as unknown;
    return validProfiles(Array.isArray(parsed) ? parsed : [parsed]).profiles;
  } catch {
    return [];
  }
}

/**
 * Asks the API for its profiles (conditionally: the feed's ETag makes an unchanged answer a 304
 * without a body, so polling every minute costs little). `changed`: the stored set differs now.
 */
export async function refreshManagedProfiles(
  serverUrl: string,
  token: string,
  now: number,
): Promise<{ count: number; errors: string[]; changed: boolean } | null> {
  try {
    const cached = (await browser.storage.local.get(KEY))[KEY] as Cached | undefined;
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (cached?.etag) headers['if-none-match'] = cached.etag;
    const res = await fetch(new URL('/v1/profiles', serverUrl), { headers });
    if (res.status === 304 && cached) return { count: cached.profiles.length, errors: cached.errors, changed: false };
    if (!res.ok) return null;
    const body = (await res.json()) as { profiles?: unknown[] };
    const { profiles, errors } = validProfiles(body.profiles ?? []);
    const changed = JSON.stringify(profiles) !== JSON.stringify(cached?.profiles ?? []);
    await browser.storage.local.set({ [KEY]: { fetchedAt: now, profiles, errors, etag: res.headers.get('etag') } satisfies Cached });
    return { count: profiles.length, errors, changed };
  } catch {
    return null;
  }
}
