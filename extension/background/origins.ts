import { browser } from 'wxt/browser';
import type { SiteProfile } from '../../shared/schemas/profile.ts';

const SCRIPT_ID = 'dossier-pulse-capture';
const BUILT_IN = ['http://127.0.0.1/*', 'http://localhost/*'];

/** The back-office origins the profiles name, beyond the demo ones the manifest already covers. */
export function profileOrigins(profiles: SiteProfile[]): string[] {
  const out = new Set<string>();
  for (const p of profiles) for (const m of p.matches) if (m !== '<all_urls>' && !BUILT_IN.includes(m)) out.add(m);
  return [...out].sort();
}

/**
 * No all-sites access by default: the official grants each back-office origin from the options
 * page (optional host permissions) and the capture script is registered for exactly those.
 */
export async function syncContentScripts(): Promise<string[]> {
  const granted = ((await browser.permissions.getAll()).origins ?? []).filter((o) => !BUILT_IN.includes(o));
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (granted.length) {
    await browser.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        matches: granted,
        js: ['content-scripts/content.js'],
        allFrames: true,
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  }
  return granted;
}
