import { api } from './api-client.ts';

type OfficialRow = { id: string; displayName: string };
let cached: Promise<Map<string, string>> | null = null;

/** Names of the officials in the caller's scope, for events and flags that carry only an id. */
export function officialNames(): Promise<Map<string, string>> {
  cached ??= api<{ officials: OfficialRow[] }>('/v1/admin/officials').then(
    (r) => new Map(r.officials.map((o) => [o.id, o.displayName])),
    () => new Map(),
  );
  return cached;
}

/** After a sign-out or an edit, the next reader should see the current list. */
export function forgetOfficialNames(): void {
  cached = null;
}
