import type { ClosedFlag, Flag } from './types.ts';

export interface FlagDiff {
  /** Keys not open before. */
  opened: Flag[];
  /** Keys open before and now, in their current form (severity and hours move on). */
  stillOpen: Flag[];
  /** Keys open before whose condition has ended. */
  closed: ClosedFlag[];
}

/**
 * What to upsert and what to close after re-evaluating a dossier: a flag closes itself when its
 * condition no longer holds, i.e. when its key is no longer produced.
 */
export function diffFlags(previousOpen: readonly Flag[], current: readonly Flag[], now: number): FlagDiff {
  const before = new Map(previousOpen.map((f) => [f.key, f]));
  const seen = new Set<string>();
  const opened: Flag[] = [];
  const stillOpen: Flag[] = [];
  for (const flag of current) {
    if (seen.has(flag.key)) continue;
    seen.add(flag.key);
    (before.has(flag.key) ? stillOpen : opened).push(flag);
  }
  const closed = [...before.values()].filter((f) => !seen.has(f.key)).map((f): ClosedFlag => ({ ...f, closedAt: now }));
  return { opened, stillOpen, closed };
}
