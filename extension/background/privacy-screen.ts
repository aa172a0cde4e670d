import type { CaptureEvent } from '../../shared/schemas/events.ts';
import { screenEvent } from '../../shared/privacy/screen-event.ts';
import { personalDataKind } from '../../shared/privacy/personal-data.ts';

/** One report per profile version and field this often at most: a list page is re-read on every change. */
const REPORT_EVERY_MS = 10 * 60_000;

/**
 * The last gate before the outbox: a free-text value that looks like a citizen's personal data
 * (a careless selector took the whole cell) never leaves the browser. The event goes on without
 * it, and a `profile_miss` report named `pii_suspected:<field>` (never the value) tells the
 * profile's author through profile health.
 */
export function createPrivacyScreen(now: () => number) {
  const lastReport = new Map<string, number>();

  return {
    /** The events to store for one observed event: itself (screened) and any report due. */
    screen(event: CaptureEvent): { events: CaptureEvent[]; suspectFields: string[] } {
      const { event: clean, suspects } = screenEvent(event);
      const events: CaptureEvent[] = [clean];
      const fields = [...new Set(suspects.map((s) => s.field))].sort();
      const pageKind = event.kind === 'list_seen' ? 'list' : 'detail';
      for (const field of fields) {
        const key = `${event.profile.id}@${event.profile.version}|${pageKind}|${field}`;
        const t = now();
        if ((lastReport.get(key) ?? -Infinity) > t - REPORT_EVERY_MS) continue;
        lastReport.set(key, t);
        events.push({
          id: crypto.randomUUID(),
          at: event.at,
          profile: event.profile,
          kind: 'profile_miss',
          pageKind,
          anchor: `pii_suspected:${field}`,
        });
      }
      return { events, suspectFields: fields };
    },
    /** The back-office account read off the page, or null when it looks like someone's personal data. */
    account(value: string | null): string | null {
      return value && personalDataKind(value, 'account') ? null : value;
    },
  };
}
