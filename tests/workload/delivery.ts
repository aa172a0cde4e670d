/**
 * How each official's extension delivers what it captured: a batch per working day, a clock that
 * is minutes or hours off for whole weeks (the batch's sentAt and every time in it shifted
 * alike), extensions offline for a while (their events arrive late, together), batches that
 * arrive after later ones, and events delivered twice (in the same batch or a later one).
 */
import type { Captured } from './capture.ts';
import type { Rng } from './prng.ts';
import { MINUTE, HOUR, type WorkTime } from './work-time.ts';

export interface Batch {
  official: string;
  /** The server's clock when the batch arrives (the API's injected now). */
  receipt: number;
  /** Client clock minus true time while these events were captured and sent. */
  skew: number;
  body: { sentAt: string; clockOffsetMs?: number; events: Record<string, unknown>[] };
  /** The skew the API should compute (ingest's clockSkew), so tests can check it exactly. */
  expectedSkewMs: number;
  /** Events in the body that were already delivered: each must come back as 'duplicate'. */
  copies: number;
  offline: boolean;
  delayed: boolean;
}

interface Delivery {
  official: string;
  send: number;
  events: Captured[];
  copies: Captured[];
  offline: boolean;
  delayed: boolean;
}

const MAX_EVENTS = 1000;
const PROFILE = { id: 'workload', version: 1 };
const iso = (ms: number) => new Date(ms).toISOString();

export function deliver(
  byOfficial: Map<string, Captured[]>,
  codeOf: (story: number) => string,
  now: number,
  rng: Rng,
  wt: WorkTime,
): Batch[] {
  const week = (ms: number) => Math.floor((wt.dayOf(ms) + 3) / 7);
  const skews = new Map<string, number>();
  const skewOf = (official: string, ms: number): number => {
    const key = `${official}:${week(ms)}`;
    let s = skews.get(key);
    if (s === undefined) {
      const magnitude = rng.chance(0.6) ? rng.between(2, 50) * MINUTE : rng.between(1, 6) * HOUR;
      s = rng.chance(0.15) ? Math.round(magnitude) * (rng.chance(0.5) ? 1 : -1) : 0;
      skews.set(key, s);
    }
    return s;
  };

  const deliveries: Delivery[] = [];
  for (const [official, list] of [...byOfficial].sort(([a], [b]) => (a < b ? -1 : 1))) {
    list.sort((a, b) => a.at - b.at);
    // A batch per working day, sent a few minutes after its last event (the real extension
    // flushes more often; fewer, larger batches keep the run short and lose no case).
    const windows: (Delivery & { key: number })[] = [];
    for (const e of list) {
      const key = wt.dayOf(e.at);
      const last = windows[windows.length - 1];
      if (last && last.key === key) last.events.push(e);
      else windows.push({ key, official, send: 0, events: [e], copies: [], offline: false, delayed: false });
    }
    for (const w of windows) w.send = Math.round(w.events[w.events.length - 1]!.at + rng.between(1, 6) * MINUTE);

    // Offline episodes: 6–24 working hours, within one week, over a day before now.
    const episodes: [number, number][] = [];
    for (let k = rng.int(2, 4); k > 0 && list.length > 0; k--) {
      const from = rng.pick(list).at;
      const friday = wt.dayStart(week(from) * 7 - 3 + 5) - 7 * HOUR;
      const to = Math.min(wt.add(from, rng.between(6, 24) * 3600), friday, now - 24 * HOUR);
      if (to > from + HOUR) episodes.push([from, to]);
    }
    const merged = new Map<number, Delivery>();
    for (const w of windows) {
      const ep = episodes.findIndex(([a, b]) => w.send >= a && w.send < b);
      if (ep >= 0) {
        let d = merged.get(ep);
        if (!d)
          merged.set(
            ep,
            (d = {
              official,
              send: Math.round(episodes[ep]![1] + rng.between(1, 10) * MINUTE),
              events: [],
              copies: [],
              offline: true,
              delayed: false,
            }),
          );
        d.events.push(...w.events);
        continue;
      }
      if (rng.chance(0.04)) {
        // Held back past the next day's batch at times: it then arrives out of order.
        const later = Math.round(w.send + rng.between(2, 30) * HOUR);
        if (week(later) === week(w.send) && later < now - MINUTE) Object.assign(w, { send: later, delayed: true });
      }
      deliveries.push(w);
    }
    deliveries.push(...merged.values());
  }

  // The extension's batch limit; chunks leave a second apart so they arrive in order.
  const chunks: Delivery[] = [];
  for (const d of deliveries) {
    for (let i = 0; i < d.events.length; i += MAX_EVENTS)
      chunks.push({ ...d, send: d.send + i, events: d.events.slice(i, i + MAX_EVENTS) });
  }
  chunks.sort((a, b) => a.send - b.send || (a.official < b.official ? -1 : 1));

  // Twice-delivered events: again in the same batch, or in a later batch of the same week's clock.
  const byOwner = new Map<string, Delivery[]>();
  for (const c of chunks) byOwner.set(c.official, [...(byOwner.get(c.official) ?? []), c]);
  for (const list of byOwner.values()) {
    list.forEach((c, i) => {
      for (const e of c.events) {
        // An event the ingest refuses is refused again, not reported as a duplicate: never copied.
        if (!rng.chance(0.012) || e.rawFields) continue;
        const later = list
          .slice(i + 1)
          .find((o) => o.send >= c.send + MINUTE && week(o.send) === week(c.send) && o.events.length + o.copies.length < MAX_EVENTS);
        (rng.chance(0.4) || !later ? c : later).copies.push(e);
      }
    });
  }

  return chunks
    .map((c) => {
      const skew = skewOf(c.official, c.send);
      const sentAt = c.send + skew;
      const receipt = c.send + Math.round(rng.between(50, 20_000));
      const render = (e: Captured): Record<string, unknown> => {
        const account = e.backofficeUser === undefined ? e.official : e.backofficeUser;
        const base: Record<string, unknown> = {
          id: e.id,
          kind: e.kind,
          at: iso(e.at + skew),
          profile: PROFILE,
          ...(account === null ? {} : { backofficeUser: account }),
        };
        if (e.story !== null) base.dossierCode = codeOf(e.story);
        else if (e.code) base.dossierCode = e.code;
        if (e.kind === 'active') Object.assign(base, { start: iso(e.start! + skew), end: iso(e.at + skew) });
        if (e.kind === 'action') Object.assign(base, { action: e.action }, e.toAccount ? { toAccount: e.toAccount } : {});
        if (e.kind === 'list_seen')
          base.rows = e.rows!.map((r) => ({ dossierCode: r.code, ...(r.handler ? { fields: { handler: r.handler } } : {}) }));
        if (e.fields) {
          // The appointment is read off the page: it is not the client's clock and is never shifted.
          const { appointmentAt, ...rest } = e.fields;
          base.fields = { ...rest, ...(appointmentAt === undefined ? {} : { appointmentAt: iso(appointmentAt) }) };
        }
        if (e.rawFields) base.fields = { ...(base.fields as object), ...e.rawFields };
        return base;
      };
      const events = [...c.events, ...c.copies].map(render);
      const withOffset = rng.chance(0.5);
      const offset = Math.round(-skew + rng.between(-100, 100));
      const fallback = receipt - sentAt;
      return {
        official: c.official,
        receipt,
        skew,
        body: { sentAt: iso(sentAt), ...(withOffset ? { clockOffsetMs: offset } : {}), events },
        expectedSkewMs: withOffset ? offset : Math.abs(fallback) > 30_000 ? fallback : 0,
        copies: c.copies.length,
        offline: c.offline,
        delayed: c.delayed,
      };
    })
    .sort((a, b) => a.receipt - b.receipt || (a.official < b.official ? -1 : 1));
}
