/**
 * The demo's one world: capture events made from the simulated back-office's own dossiers and
 * their handling, as the extension would have sent them had every official used it. One
 * generator (the back-office seed), one set of codes, so every badge, strip, flag and figure the
 * API shows matches what the back-office pages show.
 *
 * Per action in a dossier's transfer history: the actor opened the dossier and worked on it a
 * few minutes (open + active span), then acted (action event with the receiver, for hand-overs).
 * The official who holds a dossier now opened it once after it reached them, reading the page
 * that names them as handler (confirmed custody), and then left it: that is what the stall rules
 * see. Only codes, procedure, status, step, appointment and accounts: never a citizen's data.
 */
import { randomUUID } from 'node:crypto';
import type { CaptureEvent } from '../shared/schemas/events.ts';
import { STATUS_NAMES_VI } from '../shared/schemas/dossier-code.ts';
import type { Dossier, HistoryEntry } from '../tests/backoffice/model.ts';
import { stepName } from '../tests/backoffice/rules.ts';

export interface OfficialEvent {
  /** Who sends it: the back-office account, the same as the API username in the demo roster. */
  official: string;
  at: number;
  event: CaptureEvent;
}

export const DEMO_PROFILE = { id: 'backoffice-spa', version: 1 };
const MINUTE = 60_000;

/** A stable spread of minutes from a string, so the same world gives the same events. */
function spread(key: string, min: number, max: number): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return min + ((h >>> 0) % (max - min + 1));
}

const iso = (ms: number) => new Date(ms).toISOString();

/** What the page showed when the official acted: it names no new handler (custody moves by the action). */
function fieldsAfter(d: Dossier, h: HistoryEntry) {
  return {
    procedureCode: d.procedureCode,
    status: STATUS_NAMES_VI[h.statusAfter],
    ...(h.stepAfter ? { step: h.stepAfter } : {}),
    ...(d.appointmentAt ? { appointmentAt: d.appointmentAt } : {}),
  };
}

/** One history entry → the actor's open, active span and action. */
export function eventsForAction(d: Dossier, h: HistoryEntry, notBefore: number): OfficialEvent[] {
  const at = Date.parse(h.at);
  const out: OfficialEvent[] = [];
  const base = { profile: DEMO_PROFILE, backofficeUser: h.from, dossierCode: d.code };
  const start = Math.max(notBefore + MINUTE, at - spread(`${d.code}${h.at}`, 3, 25) * MINUTE);
  if (start < at - MINUTE) {
    out.push({ official: h.from, at: start, event: { id: randomUUID(), kind: 'open', at: iso(start), ...base } as CaptureEvent });
    out.push({
      official: h.from,
      at: at - 30_000,
      event: { id: randomUUID(), kind: 'active', at: iso(at - 30_000), start: iso(start), end: iso(at - 30_000), ...base } as CaptureEvent,
    });
  }
  out.push({
    official: h.from,
    at,
    event: {
      id: randomUUID(),
      kind: 'action',
      action: h.action,
      at: iso(at),
      ...(h.to ? { toAccount: h.to } : {}),
      fields: fieldsAfter(d, h),
      ...base,
    } as CaptureEvent,
  });
  return out;
}

/** Every event of one dossier, in time order, up to `now`. */
export function eventsForDossier(d: Dossier, now: number): OfficialEvent[] {
  const out: OfficialEvent[] = [];
  let last = Date.parse(d.submittedAt);
  for (const h of d.history) {
    const evs = eventsForAction(d, h, last);
    out.push(...evs);
    last = Date.parse(h.at);
  }
  // The holder saw it in their queue and opened it once, then left it.
  const lastEntry = d.history.at(-1);
  if (d.handler && lastEntry && lastEntry.from !== d.handler) {
    const at = last + spread(d.code, 10, 50) * MINUTE;
    if (at < now) {
      const fields = {
        procedureCode: d.procedureCode,
        status: STATUS_NAMES_VI[d.status],
        ...(stepName(d) ? { step: stepName(d)! } : {}),
        ...(d.appointmentAt ? { appointmentAt: d.appointmentAt } : {}),
        handler: d.handler,
      };
      out.push({
        official: d.handler,
        at,
        event: {
          id: randomUUID(),
          kind: 'open',
          at: iso(at),
          dossierCode: d.code,
          profile: DEMO_PROFILE,
          backofficeUser: d.handler,
          fields,
        } as CaptureEvent,
      });
    }
  }
  return out.filter((e) => e.at <= now);
}

export interface DemoBatch {
  official: string;
  /** When the batch reaches the API: a minute after its last event (the extension's flush). */
  receipt: number;
  body: { sentAt: string; events: CaptureEvent[] };
}

/** Events of all dossiers, grouped into per-official batches in time order, as outboxes flush. */
export function demoBatches(dossiers: readonly Dossier[], now: number): DemoBatch[] {
  const all = dossiers.flatMap((d) => eventsForDossier(d, now)).sort((a, b) => a.at - b.at);
  const batches: DemoBatch[] = [];
  for (const e of all) {
    const open = batches.at(-1);
    if (open && open.official === e.official && open.body.events.length < 200) open.body.events.push(e.event);
    else batches.push({ official: e.official, receipt: e.at, body: { sentAt: '', events: [e.event] } });
    const b = batches.at(-1)!;
    b.receipt = Math.min(now, e.at + MINUTE);
    b.body.sentAt = iso(b.receipt);
  }
  return batches;
}
