import { browser } from 'wxt/browser';
import type { SiteProfile } from '../../shared/schemas/profile.ts';
import { validProfiles } from '../profiles/registry.ts';

const KEY = 'managedProfiles';
type Cached = { fetchedAt: number; profiles: SiteProfile[]; errors: string[] };

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

export async function refreshManagedProfiles(serverUrl: string, token: string, now: number): Promise<{ count: number; errors: string[] } | null> {
  try {
    const res = await fetch(new URL('/v1/profiles', serverUrl), { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) return null;
    const body = (await res.json()) as { profiles?: unknown[] };
    const { profiles, errors } = validProfiles(body.profiles ?? []);
    await browser.storage.local.set({ [KEY]: { fetchedAt: now, profiles, errors } satisfies Cached });
    return { count: profiles.length, errors };
  } catch {
    return null;
  }
}
