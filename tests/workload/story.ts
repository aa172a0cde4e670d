/**
 * One dossier's story as a list of custody stints ("moves"): who holds it, at which step, how
 * much working time passes before their ending act, and how their page events look. Stories are
 * laid out on the calendar later (layout.ts); here only the shape and the injected stalls.
 */
import type { Rng } from './prng.ts';
import { allottedWorkingSeconds, officialsOf, type StepRole, type World, type WorldProcedure } from './world.ts';

export type StallRule = 'idle_at_holder' | 'viewed_not_acted' | 'step_over_allotment' | 'ping_pong' | 'repeated_supplement' | 'overdue';

/** A stall put there on purpose: the flag the API must raise, naming `official` (null: nobody). */
export interface InjectedStall {
  rule: StallRule;
  official: string | null;
  /** overdue only: the holders whose overrun made the dossier late (fairness: not the last holder). */
  contributors?: string[];
}

/** clean: acts well inside every threshold; slow: works on it daily but long; idle and viewed: see capture.ts. */
export type Pattern = 'clean' | 'slow' | 'idle' | 'viewed';

export type MoveEnd =
  | { kind: 'handover'; action: 'forward' | 'return' | 'transfer'; to: string }
  /** supplement_request, the citizen's pause, then supplement_done recorded by `doneBy`. */
  | { kind: 'supplement'; pause: number; doneBy: string }
  | { kind: 'finish' };

export interface Move {
  holder: string;
  step: number;
  /** Working seconds from the stint's start to its ending act. */
  work: number;
  pattern: Pattern;
  end: MoveEnd;
  /** Injected step_over_allotment on this stint. */
  overrun?: boolean;
  /** The page did not show who receives the hand-over: the action carries no toAccount. */
  unnamed?: boolean;
}

export const STORY_KINDS = [
  'clean',
  'idle',
  'viewed',
  'step_over',
  'ping_pong',
  'ping_pong_heavy',
  'repeated_supplement',
  'overdue_finished',
  'overdue_current',
] as const;
export type StoryKind = (typeof STORY_KINDS)[number];

export interface Story {
  kind: StoryKind;
  unitId: string;
  procedure: WorldProcedure;
  moves: Move[];
  stalls: InjectedStall[];
  /** Current-at-now stories: the move held at now (placement lays the story out backwards from it). */
  currentMove?: number;
  /** overdue stories: the move whose working time placement stretches until the dossier is late. */
  stretchMove?: number;
  features: string[];
}

const WORKING_DAY = 7.5 * 3600;

function storyHelpers(world: World, rng: Rng, unitId: string, procedure: WorldProcedure) {
  const allot = (step: number) => allottedWorkingSeconds(procedure, procedure.steps[step]!);
  return {
    allot,
    /** Well inside the step's allotment and the idle threshold, never less than six minutes. */
    cleanWork: (step: number) => Math.max(360, Math.min(0.45 * allot(step), 5 * 3600) * rng.between(0.15, 1)),
    pick: (role: StepRole, not: readonly string[] = []) => {
      const list = officialsOf(world, unitId, role).filter((o) => !not.includes(o.username));
      return list.length ? rng.pick(list).username : null;
    },
    pause: () => rng.between(0.3, 12) * WORKING_DAY,
  };
}

/**
 * Builds a story of `kind` at a unit and procedure, or null when they cannot carry it (a commune
 * with a single chair cannot show a clean return; a short step cannot hold a day of idling).
 */
export function buildStory(world: World, rng: Rng, kind: StoryKind, unitId: string, procedure: WorldProcedure): Story | null {
  const h = storyHelpers(world, rng, unitId, procedure);
  const steps = procedure.steps;
  const last = steps.length - 1;
  const nextRole = steps[2]!.role;
  const D = h.pick('desk_clerk');
  const S = h.pick('specialist');
  const L = h.pick(nextRole);
  if (!D || !S || !L || steps[1]!.role !== 'specialist') return null;
  const moves: Move[] = [];
  const stalls: InjectedStall[] = [];
  const features: string[] = [];
  const story: Story = { kind, unitId, procedure, moves, stalls, features };
  // Ends default to a forward to the next move's holder (set in link()).
  const go = (holder: string, step: number, pattern: Pattern = 'clean', work?: number): Move => {
    const m: Move = { holder, step, work: work ?? h.cleanWork(step), pattern, end: { kind: 'finish' } };
    moves.push(m);
    return m;
  };
  const ret = (m: Move) => (m.end = { kind: 'handover', action: 'return', to: '' });
  const supplement = (m: Move, resumer: string) =>
    (m.end = { kind: 'supplement', pause: h.pause(), doneBy: rng.chance(0.7) ? (h.pick('desk_clerk') ?? resumer) : resumer });

  go(D, 0);
  let examiner = S;
  if (kind === 'idle' || kind === 'viewed') {
    // A day of idling (or three days of looking) must still be well inside the examination's allotment.
    if (h.allot(1) < (kind === 'idle' ? 16 : 25) * 3600) return null;
    story.currentMove = moves.length;
    go(S, 1, kind);
    stalls.push({ rule: kind === 'idle' ? 'idle_at_holder' : 'viewed_not_acted', official: S });
  } else if (kind === 'overdue_finished' || kind === 'overdue_current') {
    story.stretchMove = moves.length;
    go(S, 1, 'slow', h.allot(1) * 1.5).overrun = true;
    stalls.push({ rule: 'step_over_allotment', official: S });
    if (kind === 'overdue_current') {
      // The late dossier now sits with L, who did nothing wrong: the flag names L, the blame S.
      if (h.allot(2) < 1800) return null;
      story.currentMove = moves.length;
      stalls.push({ rule: 'overdue', official: L, contributors: [S] });
    } else stalls.push({ rule: 'overdue', official: null, contributors: [S] });
  } else {
    // Stall stories keep to their one irregularity; clean ones vary within the thresholds.
    const quiet = kind !== 'clean';
    if (kind === 'repeated_supplement' || (!quiet && rng.chance(0.15))) {
      supplement(go(S, 1), S);
      features.push('supplement');
    }
    if (!quiet && rng.chance(0.08)) {
      const colleague = h.pick('specialist', [S]);
      if (colleague) {
        go(S, 1).end = { kind: 'handover', action: 'transfer', to: '' };
        examiner = colleague;
        features.push('transfer');
      }
    }
    if (kind === 'repeated_supplement' && rng.chance(0.5)) {
      supplement(go(examiner, 1), examiner);
      stalls.push({ rule: 'repeated_supplement', official: examiner });
    }
    go(examiner, 1);
  }

  // The step after examination: returns and ping-pong happen between the examiner and its holder.
  // A clean return goes back up to another holder of that step, or it would be a third hand-over.
  const other = h.pick(nextRole, [L]);
  if (kind === 'ping_pong' || kind === 'ping_pong_heavy') {
    ret(go(L, 2));
    go(examiner, 1);
    if (kind === 'ping_pong_heavy') {
      ret(go(L, 2));
      go(examiner, 1);
      stalls.push({ rule: 'ping_pong', official: L });
    }
    stalls.push({ rule: 'ping_pong', official: examiner });
    go(L, 2);
  } else if (kind === 'clean' && other && rng.chance(0.06)) {
    ret(go(L, 2));
    go(examiner, 1);
    go(other, 2);
    features.push('return');
  } else if (kind === 'repeated_supplement' && stalls.length === 0) {
    supplement(go(L, 2), L);
    go(L, 2);
    stalls.push({ rule: 'repeated_supplement', official: L });
  } else go(L, 2);
  for (let step = 3; step < last; step++) go(h.pick(steps[step]!.role)!, step);
  go(h.pick('desk_clerk')!, last);
  link(moves);
  for (const m of kind === 'clean' ? moves : []) {
    // Custody must infer the receiver from who shows up next, from the hand-over instant.
    if (m.end.kind === 'handover' && m.end.action === 'forward' && rng.chance(0.04)) {
      m.unnamed = true;
      features.push('unnamed-recipient');
    }
  }

  if (kind === 'step_over') {
    // Overrun a short step: long enough to be unmistakable, short enough to stay on time.
    const candidates = moves.filter((m) => m.step !== 1);
    const m = rng.pick(candidates);
    m.work = Math.max(h.allot(m.step) * rng.between(1.4, 2.5), h.allot(m.step) + 2700);
    m.pattern = 'slow';
    m.overrun = true;
    stalls.push({ rule: 'step_over_allotment', official: m.holder });
  }
  return story;
}

/** Fills in every hand-over's recipient: the holder of the following move. */
function link(moves: Move[]): void {
  moves.forEach((m, i) => {
    const next = moves[i + 1];
    if (!next) {
      m.end = { kind: 'finish' };
      return;
    }
    if (m.end.kind === 'handover') m.end = { ...m.end, to: next.holder };
    else if (m.end.kind === 'finish') m.end = { kind: 'handover', action: 'forward', to: next.holder };
  });
}
