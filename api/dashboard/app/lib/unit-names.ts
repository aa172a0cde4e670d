import { api, query } from './api-client.ts';

type UnitRow = { id: string; name: string; parentId: string | null; depth: number };

const cache = new Map<string, Promise<string>>();

/** A unit's name for headings; its id when the caller may not list units. */
export function unitName(unitId: string): Promise<string> {
  let p = cache.get(unitId);
  if (!p) {
    p = api<{ units: UnitRow[] }>(`/v1/admin/units${query({ unitId })}`).then(
      (r) => r.units.find((u) => u.id === unitId)?.name ?? unitId,
      () => unitId,
    );
    cache.set(unitId, p);
  }
  return p;
}

/** After a unit is added or renamed, headings should show the new name. */
export function forgetUnitNames(): void {
  cache.clear();
}
