import { ACTION_KINDS } from '../schemas/dossier.ts';
import type { StoredEvent } from './types.ts';

/**
 * Events at the same millisecond are ordered by action in the order the back-office lists them
 * (receive before forward, supplement request before its completion), then page events after
 * actions (so an open at the instant of a hand-over sees the hand-over), then by id.
 */
const PAGE_KIND_ORDER: readonly StoredEvent['kind'][] = ['open', 'active', 'close', 'list_seen', 'profile_miss'];

function tieRank(event: StoredEvent): number {
  if (event.kind === 'action' && event.action !== undefined) return ACTION_KINDS.indexOf(event.action);
  return ACTION_KINDS.length + PAGE_KIND_ORDER.indexOf(event.kind);
}

export function compareEvents(a: StoredEvent, b: StoredEvent): number {
  return a.at - b.at || tieRank(a) - tieRank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Sorted, one event per id: stored events are unique by id, so copies are the same event. */
export function orderEvents(events: readonly StoredEvent[]): StoredEvent[] {
  const sorted = [...events].sort(compareEvents);
  const seen = new Set<string>();
  return sorted.filter((event) => {
    if (seen.has(event.id)) return false;
    seen.add(event.id);
    return true;
  });
}
