/**
 * Seed plans: for each demo dossier, the actions it went through and how long each holder kept
 * it. The seed replays them through the real lifecycle, so seeded histories are consistent.
 */
import type { ActionKind } from '../../shared/schemas/dossier.ts';
import { DEMO_OFFICIALS, DEMO_PROCEDURES, type BackofficeRole, type DemoProcedure } from '../../shared/demo/roster.ts';
import type { Channel } from './model.ts';
import type { Rng } from './prng.ts';
import { staffOf } from './rules.ts';

export interface Move {
  kind: ActionKind;
  /** Working hours between the previous move (or the submission) and this one. */
  gapHours: number;
  actor?: string;
  /** Forced receiver of a hand-over; otherwise one is drawn. */
  to?: string;
  /** Apology: the new appointment, this many working hours after the apology. */
  newAppointmentAfterHours?: number;
}

export interface Plan {
  unitId: string;
  procedure: DemoProcedure;
  channel: Channel;
  moves: Move[];
  /** Working hours from the last move to the seeding instant. */
  tailHours: number;
}

/** Extra dossiers some officials hold, so their "đang xử lý" queue is never thin in the demo. */
const EXTRA_HELD: Record<string, number> = { chuyenvien1: 3 };
const PER_UNIT = 40;
/** Working hours one dossier per official has lain untouched, so every queue opens with a stalled one. */
const STALLED_HOURS = 18;

const between = (rng: Rng, a: number, b: number) => a + rng.next() * (b - a);

/** Working hours one holder kept a step: mostly within the allotted time, sometimes far over. */
function hold(rng: Rng, p: DemoProcedure, s: number, slow = false): number {
  const allotted = p.steps[s]!.allottedHours * (p.timeType === 'working_days' ? 1 : 8 / 24);
  const factor = slow || rng.chance(0.12) ? between(rng, 1.3, 2.6) : between(rng, 0.15, 0.95);
  return Math.max(0.1, allotted * factor);
}

const isLeader = (r: BackofficeRole) => r === 'division_head' || r === 'agency_head';

interface WalkOptions {
  holder?: string;
  clerk?: string;
  slow?: boolean;
}

/** Moves that bring a dossier from submission to step `k`, with the detours real dossiers take. */
function walk(rng: Rng, unitId: string, p: DemoProcedure, channel: Channel, k: number, o: WalkOptions): Move[] {
  const moves: Move[] = [{ kind: 'receive', gapHours: channel === 'truc_tuyen' ? between(rng, 0.3, 6) : 0, actor: o.clerk }];
  const specialists = staffOf(unitId, 'specialist').length;
  for (let s = 0; s < k; s++) {
    let h = hold(rng, p, s, o.slow);
    const role = p.steps[s]!.role;
    if (role === 'specialist') {
      if (specialists > 1 && rng.chance(0.1)) moves.push({ kind: 'transfer', gapHours: h * 0.2 });
      if (rng.chance(0.15)) {
        moves.push({ kind: 'supplement_request', gapHours: h * 0.3 });
        moves.push({ kind: 'supplement_done', gapHours: between(rng, 4, 30) });
      }
      if (rng.chance(0.7)) moves.push({ kind: 'update_result', gapHours: h * 0.4 });
      h *= 0.3;
    }
    if (role === 'division_head' && s + 1 < k && rng.chance(0.12)) {
      moves.push({ kind: 'return', gapHours: h * 0.5 });
      moves.push({ kind: 'forward', gapHours: hold(rng, p, s - 1) * 0.3 });
      h *= 0.5;
    }
    const kind: ActionKind = isLeader(role) && rng.chance(0.5) ? 'approve' : 'forward';
    moves.push({ kind, gapHours: h, to: s + 1 === k ? o.holder : undefined });
  }
  return moves;
}

type Archetype =
  | { kind: 'hold'; step: number; holder?: string; slow?: boolean; stalled?: boolean }
  | { kind: 'supplement'; holder?: string }
  | { kind: 'apology' | 'stopped' | 'rejected' | 'processed' | 'returned' | 'pending' | 'late' };

function planFor(rng: Rng, unitId: string, a: Archetype): Plan {
  const procs = DEMO_PROCEDURES.filter((p) => p.unitIds.includes(unitId));
  const p = rng.pick(procs);
  const last = p.steps.length - 1;
  const channel: Channel = a.kind === 'pending' || rng.chance(0.4) ? 'truc_tuyen' : rng.chance(0.85) ? 'truc_tiep' : 'buu_chinh';
  const clerks = staffOf(unitId, 'desk_clerk').map((o) => o.username);
  const total = p.totalDays * 8;
  const plan = (moves: Move[], tailHours: number): Plan => ({ unitId, procedure: p, channel, moves, tailHours });
  switch (a.kind) {
    case 'pending':
      return plan([], between(rng, 0.1, 12));
    case 'rejected':
      return plan([{ kind: 'reject', gapHours: between(rng, 0.3, 8) }], between(rng, 0, 100));
    case 'hold': {
      const step = Math.min(a.step, last);
      const clerk = step === 0 ? a.holder : undefined;
      const drawn = a.slow ? total * between(rng, 1.05, 1.4) : hold(rng, p, step) * between(rng, 0.1, 1);
      // Left untouched for two working days and more: what the stall rules exist to show.
      const tail = a.stalled ? STALLED_HOURS + drawn : drawn;
      return plan(walk(rng, unitId, p, channel, step, { holder: a.holder, clerk, slow: a.slow }), tail);
    }
    case 'late':
      return planFor(rng, unitId, { kind: 'hold', step: rng.int(1, last - 1), slow: true });
    case 'supplement':
      return plan(
        [...walk(rng, unitId, p, channel, 1, { holder: a.holder }), { kind: 'supplement_request', gapHours: hold(rng, p, 1) * 0.3 }],
        between(rng, 2, 40),
      );
    case 'stopped':
      return plan([...walk(rng, unitId, p, channel, 1, {}), { kind: 'stop', gapHours: hold(rng, p, 1) * 0.5 }], between(rng, 0, 80));
    case 'apology': {
      const moves = walk(rng, unitId, p, channel, rng.int(1, last - 1), {});
      moves.push({ kind: 'apology', gapHours: total * between(rng, 1.0, 1.3), newAppointmentAfterHours: between(rng, 16, 40) });
      return plan(moves, between(rng, 1, 6));
    }
    case 'processed':
      return plan(
        [...walk(rng, unitId, p, channel, last, { holder: rng.pick(clerks) }), { kind: 'finish', gapHours: between(rng, 0.2, 2) }],
        between(rng, 0.5, 16),
      );
    case 'returned': {
      const moves = walk(rng, unitId, p, channel, last, {});
      if (rng.chance(0.5)) moves.push({ kind: 'finish', gapHours: between(rng, 0.2, 2) });
      moves.push({ kind: 'return_result', gapHours: between(rng, 0.5, 12) });
      return plan(moves, between(rng, 0, 160));
    }
  }
}

/** ~40 plans per unit: every official holds something (one of them stalled), the rest spread over every stage. */
export function planUnit(rng: Rng, unitId: string): Plan[] {
  const archetypes: Archetype[] = [];
  const procsSteps = DEMO_PROCEDURES.find((p) => p.unitIds.includes(unitId))!.steps;
  const last = procsSteps.length - 1;
  for (const o of DEMO_OFFICIALS.filter((x) => x.unitId === unitId && x.backofficeRole)) {
    const role = o.backofficeRole!;
    const step = procsSteps.findIndex((s) => s.role === role);
    archetypes.push({ kind: 'hold', step, holder: o.username, stalled: true });
    if (role === 'desk_clerk') archetypes.push({ kind: 'hold', step: last, holder: o.username });
    for (let n = 0; n < (EXTRA_HELD[o.username] ?? 0); n++) archetypes.push({ kind: 'hold', step, holder: o.username, slow: n === 0 });
  }
  const firstSpecialist = staffOf(unitId, 'specialist')[0]?.username;
  archetypes.push({ kind: 'supplement', holder: firstSpecialist }, { kind: 'supplement' }, { kind: 'supplement' });
  for (const kind of [
    'pending',
    'pending',
    'pending',
    'pending',
    'rejected',
    'stopped',
    'apology',
    'apology',
    'late',
    'late',
    'processed',
    'processed',
    'processed',
  ] as const) {
    archetypes.push({ kind });
  }
  while (archetypes.length < PER_UNIT) {
    archetypes.push(rng.chance(0.7) ? { kind: 'returned' } : { kind: 'hold', step: rng.int(0, last) });
  }
  return archetypes.map((a) => planFor(rng, unitId, a));
}
