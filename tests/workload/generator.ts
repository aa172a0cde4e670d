/**
 * Deterministic workload: `generateWorkload({ seed, dossiers, now, start })` returns the batches
 * every official's extension would send (delivery.ts) and the ground truth they encode: each
 * dossier's true custody with working seconds from an independent calendar walk (work-time.ts),
 * each official's total, and the stalls injected on purpose. Nothing here calls shared/custody
 * or shared/rules.
 */
import { DEFAULT_CALENDAR } from '../../shared/calendar/index.ts';
import type { Captured } from './capture.ts';
import { deliver, type Batch } from './delivery.ts';
import { addAdversity, nameHandlers, trimUnnamed, type Adversity } from './adversity.ts';
import type { DossierTruth } from './layout.ts';
import { placeStory, type Placed } from './placement.ts';
import { createRng, type Rng } from './prng.ts';
import { buildStory, type InjectedStall, type StoryKind } from './story.ts';
import { buildWorld, proceduresOf, type World } from './world.ts';
import { createWorkTime, MINUTE } from './work-time.ts';

export interface WorkloadOptions {
  seed: number;
  dossiers: number;
  /** The instant the API derives and the rules are judged at. */
  now: number;
  /** Receptions are spread from here to now. */
  start: number;
  departments?: number;
  communes?: number;
  /** Share of dossiers per stall kind; the rest are clean. */
  rates?: Partial<Record<StoryKind, number>>;
}

export interface DossierRecord {
  code: string;
  unitId: string;
  procedureCode: string;
  kind: StoryKind;
  features: string[];
  truth: DossierTruth;
  appointment: number;
  /** Unique custody events (open, close, active, action) delivered for it. */
  events: number;
}

export interface ExpectedStall extends InjectedStall {
  dossier: string;
}

export interface Workload {
  world: World;
  now: number;
  batches: Batch[];
  dossiers: DossierRecord[];
  stalls: ExpectedStall[];
  /** Username → true working seconds held: in ended segments (rollups) and in segments open at now. */
  officials: Map<string, { ended: number; open: number }>;
  /** Every event of a dossier that travelled with a wrong clock, with its true instant. */
  skewedEvents: { id: string; dossier: string; trueAt: number }[];
  uniqueEvents: number;
  duplicateCopies: number;
  refusals: Map<string, number>;
  /** How much of each hard case the workload holds, for the run's log. */
  counts: Record<string, number>;
  /** Views, foreign sessions, double submits, forgeries and refused instants (adversity.ts). */
  adversity: Adversity;
}

export const DEFAULT_RATES: Record<Exclude<StoryKind, 'clean'>, number> = {
  idle: 0.01,
  viewed: 0.008,
  step_over: 0.015,
  ping_pong: 0.01,
  ping_pong_heavy: 0.004,
  repeated_supplement: 0.01,
  overdue_finished: 0.008,
  overdue_current: 0.004,
};

function pickKind(rng: Rng, rates: Partial<Record<StoryKind, number>>): StoryKind {
  let r = rng.next();
  for (const [kind, rate] of Object.entries(rates) as [StoryKind, number][]) {
    if (r < rate) return kind;
    r -= rate;
  }
  return 'clean';
}

export function generateWorkload(opts: WorkloadOptions): Workload {
  const root = createRng(opts.seed);
  const world = buildWorld(root.fork('world'), { departments: opts.departments ?? 2, communes: opts.communes ?? 3 });
  const wt = createWorkTime(DEFAULT_CALENDAR);
  const rng = root.fork('stories');
  const rates = { ...DEFAULT_RATES, ...opts.rates };
  // The department of the demo gets the most traffic; generated units share the rest.
  const weighted = world.units.flatMap((u) => Array<string>(u.id === '000.00.12.H32' ? 4 : u.level === 'department' ? 3 : 2).fill(u.id));
  const placed: Placed[] = [];
  const refusals = new Map<string, number>();
  for (let i = 0; i < opts.dossiers; i++) {
    const kind = pickKind(rng, rates);
    let done: Placed | null = null;
    for (let tries = 0; !done; tries++) {
      if (tries > 400) throw new Error(`cannot place a ${kind} story (dossier ${i})`);
      const unitId = rng.pick(weighted);
      const story = buildStory(world, rng, kind, unitId, rng.pick(proceduresOf(world, unitId)));
      done = story && placeStory(story, i, { wt, now: opts.now, start: opts.start, rng });
    }
    for (const r of done.refusals) refusals.set(r.replace(/ of \S+|-?\d+ min at/g, ''), (refusals.get(r) ?? 0) + 1);
    placed.push(done);
  }

  // Codes: {unit}-{yyMMdd of reception}-{NNNN}, numbered per unit and day in reception order.
  const codes: string[] = [];
  const seq = new Map<string, number>();
  [...placed.keys()]
    .sort((a, b) => placed[a]!.layout.reception - placed[b]!.layout.reception)
    .forEach((i) => {
      const ymd = new Date(placed[i]!.layout.reception + 7 * 3_600_000).toISOString().slice(2, 10).replaceAll('-', '');
      const key = `${placed[i]!.story.unitId}-${ymd}`;
      const n = (seq.get(key) ?? 0) + 1;
      seq.set(key, n);
      codes[i] = `${key}-${String(n).padStart(4, '0')}`;
    });

  const byOfficial = new Map<string, Captured[]>(world.officials.map((o) => [o.username, []]));
  for (const p of placed) for (const e of p.events) byOfficial.get(e.official)!.push(e);
  // Each official opens their queue every working morning: the extension is seen to be on.
  const lists = root.fork('lists');
  const firstDay = wt.dayOf(Math.min(opts.start, ...placed.map((p) => p.layout.reception)));
  for (const o of world.officials) {
    const unitCodes = codes.filter((c) => c.startsWith(o.unitId));
    for (let d = firstDay; d <= wt.dayOf(opts.now); d++) {
      const shift = wt.shifts(d)[0];
      const at = shift && Math.round(shift[0] + lists.between(2, 25) * MINUTE);
      if (!at || at > opts.now - 15 * MINUTE || unitCodes.length === 0) continue;
      byOfficial
        .get(o.username)!
        .push({ id: lists.uuid(), official: o.username, kind: 'list_seen', at, story: null, rows: [{ code: lists.pick(unitCodes) }] });
    }
  }
  // The inspector has no back-office account but looks at dossiers too.
  byOfficial.set('thanhtra', []);
  const adversity = addAdversity({ world, placed, codes, byOfficial, rng: root.fork('adversity'), wt, now: opts.now });
  trimUnnamed(placed, codes, byOfficial, wt, opts.now);
  nameHandlers(byOfficial, world, root.fork('names'));
  const uniqueEvents = [...byOfficial.values()].reduce((n, l) => n + l.length, 0) - adversity.refused.length;
  const batches = deliver(byOfficial, (i) => codes[i]!, opts.now, root.fork('delivery'), wt);

  const officials = new Map(world.officials.map((o) => [o.username, { ended: 0, open: 0 }]));
  const dossiers: DossierRecord[] = placed.map((p, i) => {
    for (const s of p.truth.segments) officials.get(s.holder)![s.to === null ? 'open' : 'ended'] += s.seconds;
    return {
      code: codes[i]!,
      unitId: p.story.unitId,
      procedureCode: p.story.procedure.code,
      kind: p.story.kind,
      features: p.story.features,
      truth: p.truth,
      appointment: p.layout.appointment,
      events: p.events.length,
    };
  });
  const stalls = placed.flatMap((p, i) => p.story.stalls.map((s) => ({ ...s, dossier: codes[i]! })));
  const refusedIds = new Set(adversity.refused.map((r) => r.id));
  const skewedEvents = batches.flatMap((b) =>
    b.skew === 0
      ? []
      : b.body.events
          .filter((e) => typeof e.dossierCode === 'string' && !refusedIds.has(e.id as string))
          .map((e) => ({ id: e.id as string, dossier: e.dossierCode as string, trueAt: Date.parse(e.at as string) - b.skew })),
  );
  const duplicateCopies = batches.reduce((n, b) => n + b.copies, 0);
  const counts = countCases(dossiers, stalls, batches);
  Object.assign(counts, {
    views: adversity.views,
    'foreign-account sessions': adversity.mismatchedSessions,
    'double submits': adversity.doubled,
    forgeries: adversity.forgeries.length,
    'refused instants': adversity.refused.length,
  });
  return {
    world,
    now: opts.now,
    batches,
    dossiers,
    stalls,
    officials,
    skewedEvents,
    uniqueEvents,
    duplicateCopies,
    refusals,
    counts,
    adversity,
  };
}

function countCases(dossiers: DossierRecord[], stalls: ExpectedStall[], batches: Batch[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const bump = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  for (const d of dossiers) {
    bump(d.kind);
    for (const f of new Set(d.features)) bump(f);
    // Finished after the page's appointment, yet on time once the citizen's pause is added back.
    const end = d.truth.state === 'finished' ? d.truth.segments.at(-1)!.to! : 0;
    if (end > d.appointment && !stalls.some((s) => s.dossier === d.code && s.rule === 'overdue')) bump('late-only-without-pause-shift');
  }
  const newest = new Map<string, number>();
  for (const b of batches) {
    const times = b.body.events.map((e) => Date.parse(e.at as string) - b.skew);
    if ((newest.get(b.official) ?? -Infinity) > Math.min(...times)) bump('batches-arriving-after-newer-ones');
    newest.set(b.official, Math.max(newest.get(b.official) ?? -Infinity, ...times));
    if (b.skew !== 0) bump('skewed-batches');
    if (b.offline) bump('offline-deliveries');
  }
  return counts;
}
