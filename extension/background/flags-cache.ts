import type { FlagView } from '../messaging/api-types.ts';
import { SEVERITY_RANK } from '../../shared/rules/types.ts';
import { fetchFlags } from './api-reads.ts';

/** Every open flag the official may see is read again after this long. */
const REFRESH_MS = 60_000;
/** A page's own rows are asked for again once the flags known for them are older than this (a burst of rescans asks once). */
const FRESH_MS = 1_000;
const MAX_FLAGS = 5000;
/** The API takes at most this many dossier codes per request. */
const CODES_PER_REQUEST = 200;

const worstFirst = (a: FlagView, b: FlagView) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || b.hoursOver - a.hoursOver;

/**
 * The open flags the signed-in official may see, kept for a minute, so annotating a list page
 * costs a lookup, not a request per row. A page whose rows' flags are older than a few seconds
 * asks for just those rows (one small request), so a badge follows a new flag within seconds
 * without reading every flag of the official's scope again.
 */
export function createFlagsCache(now: () => number = Date.now) {
  let byCode = new Map<string, FlagView[]>();
  let fetchedAt = 0;
  const checkedAt = new Map<string, number>();
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
    for (const list of next.values()) list.sort(worstFirst);
    byCode = next;
    fetchedAt = now();
    checkedAt.clear();
  }

  /** The flags of these dossiers only, replacing what was known of them. */
  async function refresh(serverUrl: string, token: string, codes: string[]) {
    const at = now();
    for (let i = 0; i < codes.length; i += CODES_PER_REQUEST) {
      const part = codes.slice(i, i + CODES_PER_REQUEST);
      const page = await fetchFlags(serverUrl, token, { dossierCodes: part.join(','), limit: 200 });
      const found = new Map<string, FlagView[]>();
      for (const f of page.flags) found.set(f.dossierCode, [...(found.get(f.dossierCode) ?? []), f]);
      for (const c of part) {
        const list = found.get(c);
        if (list) byCode.set(c, list.sort(worstFirst));
        else byCode.delete(c);
        checkedAt.set(c, at);
      }
    }
    if (checkedAt.size > 20_000) checkedAt.clear();
  }

  return {
    async flagsFor(serverUrl: string, token: string, codes: string[]): Promise<Record<string, FlagView[]>> {
      if (now() - fetchedAt > REFRESH_MS) {
        loading ??= load(serverUrl, token).finally(() => (loading = null));
        await loading.catch(() => undefined);
      } else {
        const stale = [...new Set(codes)].filter((c) => now() - Math.max(fetchedAt, checkedAt.get(c) ?? 0) > FRESH_MS);
        if (stale.length) await refresh(serverUrl, token, stale).catch(() => undefined);
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
