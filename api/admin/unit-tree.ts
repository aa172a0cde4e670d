/** Pure helpers over the unit tree (parent links), shared by scope checks, listings and moves. */
export type UnitLink = { id: string; parent_id: string | null };

export type UnitIndex = { parentOf: Map<string, string | null>; childrenOf: Map<string, string[]> };

export function indexUnits(units: readonly UnitLink[]): UnitIndex {
  const parentOf = new Map<string, string | null>();
  const childrenOf = new Map<string, string[]>();
  for (const u of units) {
    parentOf.set(u.id, u.parent_id);
    if (u.parent_id) childrenOf.set(u.parent_id, [...(childrenOf.get(u.parent_id) ?? []), u.id]);
  }
  for (const list of childrenOf.values()) list.sort();
  return { parentOf, childrenOf };
}

/** The unit's ancestors, nearest first. A corrupt loop in stored data ends the walk instead of hanging. */
export function ancestorsOf(index: UnitIndex, id: string): string[] {
  const out: string[] = [];
  const seen = new Set([id]);
  let cur = index.parentOf.get(id) ?? null;
  while (cur && !seen.has(cur)) {
    out.push(cur);
    seen.add(cur);
    cur = index.parentOf.get(cur) ?? null;
  }
  return out;
}

/** Depth-first, parents before children, with the depth below `rootId`. */
export function preorder(index: UnitIndex, rootId: string): { id: string; depth: number }[] {
  const out: { id: string; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (id: string, depth: number) => {
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ id, depth });
    for (const child of index.childrenOf.get(id) ?? []) visit(child, depth + 1);
  };
  if (index.parentOf.has(rootId)) visit(rootId, 0);
  return out;
}

/** Moving `id` under `newParent` would make the unit its own ancestor. */
export function wouldCycle(index: UnitIndex, id: string, newParent: string): boolean {
  return newParent === id || ancestorsOf(index, newParent).includes(id);
}

/** The last group names the top-level body (`H32` a province): a child stays within its parent's body. */
export function topLevelBody(unitId: string): string {
  return unitId.slice(unitId.lastIndexOf('.') + 1);
}
