import { orderEvents } from './order.ts';
import type { StoredEvent } from './types.ts';

/** A confirm control that fires twice (a double click, a form posted again) does so within this. */
export const REPEAT_WINDOW_MS = 2 * 60_000;

/**
 * Orders the events and drops an action that repeats the action just before it: the same official,
 * kind and receiver, on the same dossier, with no other action between, within REPEAT_WINDOW_MS.
 * The back-office did it once; the page reported it twice.
 */
export function dropRepeatedActions(
  events: readonly StoredEvent[],
  note: (code: string, e: StoredEvent, detail: string) => void,
): StoredEvent[] {
  const out: StoredEvent[] = [];
  let last: StoredEvent | null = null;
  for (const e of orderEvents(events)) {
    if (e.kind === 'action') {
      if (
        last !== null &&
        last.officialId === e.officialId &&
        last.action === e.action &&
        last.dossierCode === e.dossierCode &&
        (last.toOfficialId ?? null) === (e.toOfficialId ?? null) &&
        e.at - last.at <= REPEAT_WINDOW_MS
      ) {
        note('repeated_action', e, `${e.action} by ${e.officialId} again ${Math.round((e.at - last.at) / 1000)} s after event ${last.id}`);
        continue;
      }
      last = e;
    }
    out.push(e);
  }
  return out;
}
