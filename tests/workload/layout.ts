/**
 * Lays a story out on the working-time calendar from its reception instant, and reads the true
 * custody off the layout as of `now`: each move is a segment from its start to its ending act,
 * a supplement pause belongs to nobody, and only what has happened by `now` exists.
 */
import type { Story } from './story.ts';
import type { WorkTime } from './work-time.ts';

export interface LaidMove {
  from: number;
  /** The ending act. */
  at: number;
  /** For supplement ends: when the citizen's completion is recorded and the next move starts. */
  resumeAt?: number;
}

export interface Layout {
  reception: number;
  /** What the page shows as "hẹn trả". */
  appointment: number;
  moves: LaidMove[];
  /** The final act (return of the result). */
  finishAt: number;
}

export interface TruthSegment {
  holder: string;
  from: number;
  /** Null: still held at now. */
  to: number | null;
  /** Working seconds from `from` to `to` (or to now), by the independent calendar walk. */
  seconds: number;
}

export interface TruthPause {
  from: number;
  to: number | null;
}

export interface DossierTruth {
  segments: TruthSegment[];
  pauses: TruthPause[];
  /** unassigned: handed over naming nobody, and no page has named the receiver yet. */
  state: 'held' | 'paused' | 'finished' | 'unassigned';
  /** The move held at now (state held). */
  currentMove: number | null;
}

/**
 * The appointment the desk writes on the receipt: the end of the N-th working day after the day
 * of reception (working-day procedures), or of the day N calendar days later moved to a working
 * day (calendar-day procedures). Generous on purpose: the page's value is data, not a rule.
 */
export function appointmentFor(story: Story, reception: number, wt: WorkTime): number {
  const p = story.procedure;
  const day = wt.dayOf(reception);
  const due = p.timeType === 'working_days' ? wt.workingDayAfter(day, p.totalDays) : wt.workingDayAfter(day + p.totalDays, 0);
  const shifts = wt.shifts(due);
  return shifts[shifts.length - 1]![1];
}

export function layOut(story: Story, reception: number, wt: WorkTime): Layout {
  const moves: LaidMove[] = [];
  let t = reception;
  for (const m of story.moves) {
    const at = wt.add(t, m.work);
    const laid: LaidMove = { from: t, at };
    if (m.end.kind === 'supplement') laid.resumeAt = wt.add(at, m.end.pause);
    moves.push(laid);
    t = laid.resumeAt ?? at;
  }
  return { reception, appointment: appointmentFor(story, reception, wt), moves, finishAt: moves[moves.length - 1]!.at };
}

export function truthAt(story: Story, layout: Layout, now: number, wt: WorkTime): DossierTruth {
  const segments: TruthSegment[] = [];
  const pauses: TruthPause[] = [];
  let state: DossierTruth['state'] = 'finished';
  let currentMove: number | null = null;
  story.moves.forEach((m, i) => {
    const laid = layout.moves[i]!;
    if (laid.from > now) return;
    const ended = laid.at <= now;
    segments.push({ holder: m.holder, from: laid.from, to: ended ? laid.at : null, seconds: wt.seconds(laid.from, ended ? laid.at : now) });
    if (!ended) {
      state = 'held';
      currentMove = i;
    } else if (laid.resumeAt !== undefined) {
      const done = laid.resumeAt <= now;
      pauses.push({ from: laid.at, to: done ? laid.resumeAt : null });
      if (!done) state = 'paused';
    }
  });
  return { segments, pauses, state, currentMove };
}

/**
 * The appointment after supplement pauses, as DOMAIN.md states it: each pause begun by the
 * (shifted) appointment adds its working time. Computed here from the layout, not by
 * shared/timeliness.
 */
export function effectiveAppointment(layout: Layout, pauses: readonly TruthPause[], now: number, wt: WorkTime): number {
  let due = layout.appointment;
  for (const p of pauses) {
    if (p.from > due) continue;
    due = wt.add(due, wt.seconds(p.from, p.to ?? now));
  }
  return due;
}
