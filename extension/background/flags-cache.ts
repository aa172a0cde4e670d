import type { FlagView } from '../messaging/api-types.ts';
import { SEVERITY_RANK } from '../messaging/api-types.ts';
import { fetchFlags } from './api-reads.ts';

const REFRESH_MS = 60_000;
const MAX_FLAGS = 5000;

/**
 * The open flags the signed-in official may see, kept for a minute, so annotating a list page
 * costs a lookup, not a request per row.
 */
export function createFlagsCache(now: () => number = Date.now) {
  let byCode = new Map<string, FlagView[]>();
  let fetchedAt = 0;
  let loading: Promise<void> | null = null;

  async function load(serverUrl: string, token: string) {
    const next = new Map<string, FlagView[]>();
    for (let offset = 0, seen = 0; seen < MAX_FLAGS; ) {
      const page = await fetchFlags(serverUrl, token, { limit: 200, offset });
      for (const f of page.flags) next.set(f.dossierCode, [...(next.get(f.dossierCode) ?? []), f]);
      seen += page.flags.length;
      if (!page.page?.nextOffset || page.flags.length === 0) break;
      offset = page.page.nextOffset;
    }
    for (const list of next.values()) list.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.hoursOver - a.hoursOver);
    byCode = next;
    fetchedAt = now();
  }

  return {
    async flagsFor(serverUrl: string, token: string, codes: string[]): Promise<Record<string, FlagView[]>> {
      if (now() - fetchedAt > REFRESH_MS) {
        loading ??= load(serverUrl, token).finally(() => (loading = null));
        await loading.catch(() => undefined);
      }
      const out: Record<string, FlagView[]> = {};
      for (const c of codes) {
        const f = byCode.get(c);
        if (f) out[c] = f;
      }
      return out;
    },
    invalidate() {
      fetchedAt = 0;
    },
  };
}
