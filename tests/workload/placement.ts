/**
 * Puts a story on the calendar: picks its reception instant (forwards for most stories,
 * backwards from `now` for stalls that must be going on at now), stretches overdue stories until
 * they are late, and keeps only placements the guard accepts.
 */
import { DEFAULT_RULE_SETTINGS } from '../../shared/rules/index.ts';
import { captureStory, type Captured } from './capture.ts';
import { guardStory } from './guard.ts';
import { appointmentFor, effectiveAppointment, layOut, truthAt, type DossierTruth, type Layout } from './layout.ts';
import type { Rng } from './prng.ts';
import type { Story } from './story.ts';
import { allottedWorkingSeconds } from './world.ts';
import { HOUR, type WorkTime } from './work-time.ts';

export interface Placed {
  story: Story;
  layout: Layout;
  truth: DossierTruth;
  events: Captured[];
  /** Why earlier attempts were refused (for the generator's statistics). */
  refusals: string[];
}

export interface PlaceContext {
  wt: WorkTime;
  now: number;
  start: number;
  rng: Rng;
}

const ATTEMPTS = 24;
const IDLE = DEFAULT_RULE_SETTINGS.idle_at_holder.idleHours * 3600;

function uniformWorking(ctx: PlaceContext, from: number, to: number): number {
  return ctx.wt.add(from, ctx.rng.between(0, ctx.wt.seconds(from, to)));
}

/** Working seconds a story spends before move `index` starts (work and supplement pauses). */
function before(story: Story, index: number): number {
  return story.moves.slice(0, index).reduce((sum, m) => sum + m.work + (m.end.kind === 'supplement' ? m.end.pause : 0), 0);
}

/** The start of the current move, backwards from now; null when the story cannot hold it. */
function currentStart(story: Story, ctx: PlaceContext): number | null {
  const { wt, now, rng } = ctx;
  const m = story.moves[story.currentMove!]!;
  const allot = allottedWorkingSeconds(story.procedure, story.procedure.steps[m.step]!);
  if (story.kind === 'idle') {
    const hi = Math.min(IDLE + 10 * 3600, 0.7 * allot - 3600);
    if (hi < IDLE + 2 * 3600) return null;
    return wt.sub(now, rng.between(IDLE + 2 * 3600, hi));
  }
  if (story.kind === 'viewed') {
    // Handed over two working days before the last one that began at least an hour before now
    // (today on a working day; the previous one on a weekend, a holiday or early in the
    // morning), so the holder can open it on three days before now.
    let day = wt.dayOf(now);
    while (wt.shifts(day).length === 0 || wt.shifts(day)[0]![0] > now - 3600_000) day--;
    for (let k = 0; k < 2; k++)
      do day--;
      while (wt.shifts(day).length === 0);
    return wt.add(wt.shifts(day)[0]![0], rng.between(1, 6) * 3600);
  }
  return wt.sub(now, rng.between(900, Math.min(2 * 3600, 0.4 * allot)));
}

function attempt(story: Story, index: number, ctx: PlaceContext): Placed | string {
  const { wt, now, rng, start } = ctx;
  let reception: number;
  if (story.currentMove !== undefined) {
    const from = currentStart(story, ctx);
    if (from === null) return 'no room for the current stall';
    const current = story.moves[story.currentMove]!;
    current.work = wt.seconds(from, now) + rng.between(2, 10) * 3600;
    reception = wt.sub(from, before(story, story.currentMove));
    // overdue_current: the examination stretches until the appointment has passed by now.
    for (let i = 0; story.stretchMove !== undefined && i < 200; i++) {
      if (wt.seconds(appointmentFor(story, reception, wt), now) >= 1.5 * 3600) break;
      story.moves[story.stretchMove]!.work += 3 * 3600;
      reception = wt.sub(from, before(story, story.currentMove));
    }
  } else {
    const settled = wt.sub(now, 25 * 7.5 * 3600);
    const late = story.kind === 'overdue_finished' || (story.stalls.length > 0 && rng.chance(0.5));
    reception = uniformWorking(ctx, start, late ? settled : now - HOUR / 6);
    for (let i = 0; story.stretchMove !== undefined && i < 200; i++) {
      const layout = layOut(story, reception, wt);
      const due = effectiveAppointment(layout, truthAt(story, layout, now, wt).pauses, now, wt);
      if (layout.finishAt > due && wt.seconds(due, layout.finishAt) >= 2 * 3600) break;
      story.moves[story.stretchMove]!.work += 3 * 3600;
    }
  }
  const layout = layOut(story, reception, wt);
  const truth = truthAt(story, layout, now, wt);
  const events = captureStory(story, layout, index, now, rng, wt);
  const refused = layout.reception < start - 60 * 86_400_000 ? 'reception too early' : guardStory(story, layout, truth, events, now, wt);
  return refused ?? { story, layout, truth, events, refusals: [] };
}

/** Null when no placement of this story passes the guard: the caller builds another story. */
export function placeStory(story: Story, index: number, ctx: PlaceContext): Placed | null {
  const refusals: string[] = [];
  const stretch = story.stretchMove === undefined ? 0 : story.moves[story.stretchMove]!.work;
  for (let i = 0; i < ATTEMPTS; i++) {
    if (story.stretchMove !== undefined) story.moves[story.stretchMove]!.work = stretch;
    const placed = attempt(story, index, ctx);
    if (typeof placed !== 'string') return { ...placed, refusals };
    refusals.push(placed);
  }
  return null;
}
