/**
 * What honest stories leave out: colleagues, leaders and inspectors looking at dossiers they do
 * not hold; back-office sessions signed in under someone else's account; confirm buttons that fire
 * twice; forgers who hand made-up or other units' dossiers to an official they want to frame, or
 * close someone else's dossier; events whose instants no page could show. Added on top of the
 * placed stories with their own ground truth: none of it may change anyone's custody, time or
 * flags. Pages name the true holder at their instant (list rows included), by account or by name.
 */
import type { Captured, CapturedFields } from './capture.ts';
import type { Placed } from './placement.ts';
import type { Rng } from './prng.ts';
import type { World, WorldOfficial } from './world.ts';
import { HOUR, MINUTE, type WorkTime } from './work-time.ts';

export interface Forgery {
  kind: 'handover_made_up' | 'handover_real' | 'finish_real';
  dossier: string;
  forger: string;
  /** Who the forged hand-over names. */
  framed: string | null;
}

export interface Adversity {
  forgeries: Forgery[];
  views: number;
  mismatchedSessions: number;
  doubled: number;
  /** Events the ingest must refuse, each with what its reason must mention. */
  refused: { id: string; official: string; reason: RegExp }[];
}

interface Input {
  world: World;
  placed: Placed[];
  codes: string[];
  byOfficial: Map<string, Captured[]>;
  rng: Rng;
  wt: WorkTime;
  now: number;
}

const SECOND = 1000;
const DAY = 24 * HOUR;
const INSPECTOR = 'thanhtra';

/** The true holder of story `i` at `t`, or null (not received yet, with the citizen, finished). */
function holderAt(p: Placed, t: number): string | null {
  const s = p.truth.segments.find((x) => x.from <= t && (x.to === null || t < x.to));
  return s ? s.holder : null;
}

export function addAdversity({ world, placed, codes, byOfficial, rng, wt, now }: Input): Adversity {
  const out: Adversity = { forgeries: [], views: 0, mismatchedSessions: 0, doubled: 0, refused: [] };
  const push = (e: Omit<Captured, 'id'>) => {
    const full = {
      id: rng.uuid(),
      ...e,
      at: Math.round(e.at),
      ...(e.start === undefined ? {} : { start: Math.round(e.start) }),
    } as Captured;
    byOfficial.get(e.official)!.push(full);
    return full;
  };
  const byUser = new Map(world.officials.map((o) => [o.username, o]));
  const storyOf = new Map(codes.map((c, i) => [c, i]));
  const holdersOf = (p: Placed) => new Set(p.story.moves.map((m) => m.holder));
  const safe = (t: number) => t < now - 20 * MINUTE;
  const pageFields = (p: Placed, holder: string): CapturedFields => ({
    procedureCode: p.story.procedure.code,
    step: p.story.procedure.steps[0]!.code,
    status: 'Đang xử lý',
    handler: holder,
  });

  // Morning lists name the holder of each row at that instant.
  for (const list of byOfficial.values()) {
    for (const e of list) {
      if (e.kind !== 'list_seen') continue;
      e.rows = e.rows!.map((r) => {
        const p = placed[storyOf.get(r.code)!]!;
        const holder = holderAt(p, e.at);
        return holder ? { code: r.code, handler: holder } : { code: r.code };
      });
    }
  }

  // A moment well inside a truth segment, for someone else's look or act.
  const inside = (p: Placed): { t: number; holder: string } | null => {
    const segs = p.truth.segments.filter((s) => (s.to ?? now) - s.from > 2 * HOUR);
    if (segs.length === 0) return null;
    const s = rng.pick(segs);
    const t = wt.add(s.from, rng.between(0.2, 0.8) * wt.seconds(s.from, s.to ?? now));
    return safe(t) && t > s.from + 10 * MINUTE && t < (s.to ?? now) - 10 * MINUTE ? { t, holder: s.holder } : null;
  };
  const bystander = (p: Placed, pool: readonly WorldOfficial[]): string | null => {
    const held = holdersOf(p);
    const free = pool.filter((o) => !held.has(o.username));
    return free.length ? rng.pick(free).username : null;
  };

  placed.forEach((p, i) => {
    // Colleagues, leaders and the inspector look at dossiers they never hold.
    if (rng.chance(0.05)) {
      const at = inside(p);
      const unit = world.officials.filter((o) => o.unitId === p.story.unitId);
      const viewer = rng.chance(0.2) ? INSPECTOR : bystander(p, unit);
      if (at && viewer) {
        push({
          official: viewer,
          kind: 'open',
          at: at.t,
          story: i,
          fields: pageFields(p, at.holder),
          ...(viewer === INSPECTOR ? { backofficeUser: null } : {}),
        });
        push({
          official: viewer,
          kind: 'active',
          start: at.t + 5 * SECOND,
          at: at.t + rng.between(1, 5) * MINUTE,
          story: i,
          ...(viewer === INSPECTOR ? { backofficeUser: null } : {}),
        });
        out.views += 1;
      }
    }
    // A colleague works in the back-office signed in as the holder: it counts for nobody.
    if (rng.chance(0.01)) {
      const at = inside(p);
      const colleague = bystander(
        p,
        world.officials.filter((o) => o.unitId === p.story.unitId),
      );
      if (at && colleague && byUser.get(at.holder)) {
        push({ official: colleague, kind: 'open', at: at.t, story: i, fields: pageFields(p, at.holder), backofficeUser: at.holder });
        push({ official: colleague, kind: 'active', start: at.t + 5 * SECOND, at: at.t + 3 * MINUTE, story: i, backofficeUser: at.holder });
        push({
          official: colleague,
          kind: 'action',
          action: 'update_result',
          at: at.t + 4 * MINUTE,
          story: i,
          fields: pageFields(p, at.holder),
          backofficeUser: at.holder,
        });
        out.mismatchedSessions += 1;
      }
    }
  });

  // Confirm buttons that fire twice: the same action again, a moment later, with its own id.
  for (const list of byOfficial.values()) {
    for (const e of [...list]) {
      if (e.kind !== 'action' || e.story === null || !rng.chance(0.02)) continue;
      const { id: _, ...same } = e;
      push({ ...same, at: e.at + rng.between(0.3, 3) * SECOND });
      out.doubled += 1;
    }
  }

  // Forgers: commune desk clerks who frame a province division head, or close others' dossiers.
  const forgers = world.officials
    .filter((o) => o.role === 'desk_clerk' && world.units.find((u) => u.id === o.unitId)?.level === 'commune')
    .slice(0, 2);
  const framed = world.officials.filter(
    (o) => o.role === 'division_head' && world.units.find((u) => u.id === o.unitId)?.level === 'department',
  );
  const department = world.units.find((u) => u.level === 'department')!;
  for (let k = 0; k < 6 && forgers.length && framed.length; k++) {
    const forger = rng.pick(forgers).username;
    const victim = rng.pick(framed).username;
    const at = wt.add(now - 30 * DAY, rng.between(0, 40) * 3600);
    const day = new Date(at + 7 * HOUR).toISOString().slice(2, 10).replaceAll('-', '');
    const code = `${department.id}-${day}-${9000 + k}`;
    const proc = world.procedures.find((x) => x.unitIds.includes(department.id)) ?? world.procedures[0]!;
    push({ official: forger, kind: 'open', at: at - 2 * MINUTE, story: null, code });
    push({
      official: forger,
      kind: 'action',
      action: 'forward',
      toAccount: victim,
      at,
      story: null,
      code,
      fields: { procedureCode: proc.code, step: proc.steps[1]!.name, status: 'Đang xử lý' },
    });
    out.forgeries.push({ kind: 'handover_made_up', dossier: code, forger, framed: victim });
  }
  // On real dossiers of other units, inside a stint that its holder ends by their own act later.
  const candidates = placed
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.story.kind === 'clean' && !forgers.some((f) => f.unitId === p.story.unitId));
  for (const { p, i } of candidates) {
    if (out.forgeries.length >= 16) break;
    const moves = p.layout.moves
      .map((m, j) => ({ m, j }))
      .filter(({ m, j }) => j > 0 && m.at < now - 2 * HOUR && m.at - m.from > 3 * HOUR && p.story.moves[j]!.end.kind !== 'supplement');
    if (moves.length === 0 || !rng.chance(0.3)) continue;
    const { m } = rng.pick(moves);
    const t = m.from + (m.at - m.from) / 2;
    const forger = rng.pick(forgers).username;
    const victim = framed.find((o) => !holdersOf(p).has(o.username))?.username;
    if (!victim) continue;
    const finish = rng.chance(0.35);
    push({
      official: forger,
      kind: 'action',
      action: finish ? 'finish' : 'forward',
      ...(finish ? {} : { toAccount: victim }),
      at: t,
      story: i,
    });
    out.forgeries.push({ kind: finish ? 'finish_real' : 'handover_real', dossier: codes[i]!, forger, framed: finish ? null : victim });
  }

  // Instants no page shows: refused one by one, the rest of their batch stored.
  const someone = rng.pick(world.officials.filter((o) => o.role === 'specialist')).username;
  const real = placed.findIndex((p) => p.truth.segments.length > 1);
  const t = wt.add(now - 10 * DAY, 3600);
  for (const [appointmentAt, kind] of [
    ['9999-12-31T00:00:00.000Z', 'open'],
    [new Date(t + 5 * 365 * DAY).toISOString(), 'open'],
    ['1990-01-01T00:00:00.000Z', 'action'],
  ] as const) {
    const e = push({
      official: someone,
      kind,
      ...(kind === 'action' ? { action: 'update_result' as const } : {}),
      at: t,
      story: real,
      rawFields: { appointmentAt },
    });
    out.refused.push({ id: e.id, official: someone, reason: /appointment/ });
  }

  return out;
}

/**
 * Pages write a handler by account or by the official's name (with their position at times):
 * applied last, once the ground truth no longer needs accounts.
 */
export function nameHandlers(byOfficial: Map<string, Captured[]>, world: World, rng: Rng): number {
  const byUser = new Map(world.officials.map((o) => [o.username, o]));
  let named = 0;
  const nameOf = (username: string): string => {
    const o = byUser.get(username);
    if (!o || !rng.chance(0.4)) return username;
    named += 1;
    return rng.chance(0.5) ? `${o.displayName} - ${o.role === 'specialist' ? 'Chuyên viên' : 'Cán bộ'}` : o.displayName;
  };
  for (const list of byOfficial.values()) {
    for (const e of list) {
      if (e.fields?.handler) e.fields = { ...e.fields, handler: nameOf(e.fields.handler) };
      if (e.rows) e.rows = e.rows.map((r) => (r.handler ? { ...r, handler: nameOf(r.handler) } : r));
    }
  }
  return named;
}

/**
 * After a hand-over whose page named no receiver, nobody knows who holds the dossier until a page
 * names the receiver (read by them or by anyone else): the true custody from the hand-over is
 * known only from that moment (a fact of what was captured, whatever model reads it). Truth
 * segments are trimmed to it, and dropped when it never came.
 */
export function trimUnnamed(placed: Placed[], codes: string[], byOfficial: Map<string, Captured[]>, wt: WorkTime, now: number): void {
  const storyOf = new Map(codes.map((c, i) => [c, i]));
  const signs = new Map<number, { at: number; official: string; names: string | null }[]>();
  const add = (i: number, s: { at: number; official: string; names: string | null }) => signs.set(i, [...(signs.get(i) ?? []), s]);
  for (const list of byOfficial.values()) {
    for (const e of list) {
      if (e.story !== null)
        add(e.story, { at: e.kind === 'active' ? e.start! : e.at, official: e.official, names: e.fields?.handler ?? null });
      for (const r of e.rows ?? []) if (r.handler) add(storyOf.get(r.code)!, { at: e.at, official: e.official, names: r.handler });
    }
  }
  placed.forEach((p, i) => {
    // From the last move back, so removing a segment never shifts one still to be looked at.
    [...p.story.moves.entries()].reverse().forEach(([j, m]) => {
      if (!m.unnamed || p.story.moves[j + 1] === undefined) return;
      const seg = p.truth.segments[j + 1];
      if (!seg) return;
      const receiver = seg.holder;
      const known = (signs.get(i) ?? [])
        .filter((s) => s.at >= seg.from && s.names === receiver)
        .reduce((min, s) => Math.min(min, s.at), Number.POSITIVE_INFINITY);
      const end = seg.to ?? now;
      if (!(known <= end)) {
        p.truth.segments.splice(j + 1, 1);
        if (seg.to === null) p.truth.state = 'unassigned';
        return;
      }
      seg.from = known;
      seg.seconds = wt.seconds(known, end);
    });
  });
}
