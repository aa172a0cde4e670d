/**
 * The generator's own check of a placed story against the stall rules' documented thresholds
 * (shared/rules/README.md, DEFAULT_RULE_SETTINGS), with margins: a story passes only when every
 * injected stall is unmistakably there and every other rule is unmistakably quiet. It reasons
 * from the story's layout, never from shared/rules or shared/custody code.
 */
import { DEFAULT_RULE_SETTINGS } from '../../shared/rules/index.ts';
import type { Captured } from './capture.ts';
import { effectiveAppointment, type DossierTruth, type Layout } from './layout.ts';
import type { Story } from './story.ts';
import { allottedWorkingSeconds } from './world.ts';
import { MINUTE, type WorkTime } from './work-time.ts';

const S = DEFAULT_RULE_SETTINGS;
/** Thirty working minutes: far more than any clock correction error (transit ≤ 20 s). */
const MARGIN = 1800;

export function guardStory(
  story: Story,
  layout: Layout,
  truth: DossierTruth,
  events: readonly Captured[],
  now: number,
  wt: WorkTime,
): string | null {
  const has = (rule: string) => story.stalls.some((s) => s.rule === rule);
  const p = story.procedure;
  if (events.some((e) => e.at > now - 15 * MINUTE)) return 'an event in the last 15 minutes before now';

  // Stints: a holder's moves at one step joined only by a supplement pause.
  for (let i = 0; i < story.moves.length; ) {
    const first = story.moves[i]!;
    let j = i;
    while (
      story.moves[j]!.end.kind === 'supplement' &&
      story.moves[j + 1]?.holder === first.holder &&
      story.moves[j + 1]?.step === first.step
    )
      j++;
    let worked = 0;
    let current = false;
    // An overrun planned for a stint that has not happened yet is no stall at now: refused below.
    const overrun = story.moves.slice(i, j + 1).some((m) => m.overrun === true);
    for (let k = i; k <= j; k++) {
      const laid = layout.moves[k]!;
      if (laid.from > now) continue;
      worked += wt.seconds(laid.from, Math.min(laid.at, now));
      current ||= laid.at > now;
    }
    const ended = layout.moves[j]!.at <= now - MARGIN * 1000;
    const allot = allottedWorkingSeconds(p, p.steps[first.step]!);
    const limit = allot + S.step_over_allotment.toleranceHours * 3600;
    if (overrun && (!ended || worked < limit + MARGIN)) return `overrun stint of ${first.holder} not over (or not ended) at now`;
    if (!overrun && layout.moves[i]!.from <= now && worked > allot - MARGIN) return `clean stint of ${first.holder} near its allotment`;
    if (!overrun && current && worked > (1 - S.due_soon.remainingShare) * allot - MARGIN)
      return `current stint of ${first.holder} due soon`;
    i = j + 1;
  }

  // A finished late dossier's flag names nobody; an unfinished one's names whoever holds it now.
  if (story.stalls.some((s) => s.rule === 'overdue' && s.official === null) && truth.state !== 'finished')
    return 'late story not finished at now';
  const end = truth.state === 'finished' ? layout.finishAt : now;
  const due = effectiveAppointment(layout, truth.pauses, now, wt);
  if (has('overdue')) {
    if (!(end > due) || wt.seconds(due, end) < MARGIN) return 'overdue story not late enough';
  } else if (!(due > end) || wt.seconds(end, due) < 2 * MARGIN) return 'dossier too close to its appointment';

  if (truth.state === 'held') {
    const c = truth.currentMove!;
    const holder = story.moves[c]!.holder;
    for (const s of story.stalls) {
      if ((s.rule === 'idle_at_holder' || s.rule === 'viewed_not_acted' || (s.rule === 'overdue' && s.official)) && s.official !== holder)
        return `${s.rule} names ${s.official}, holder is ${holder}`;
    }
    if (!has('overdue')) {
      const total = Math.max(
        p.timeType === 'working_days' ? p.totalDays * S.hoursPerWorkingDay * 3600 : 0,
        wt.seconds(layout.reception, layout.appointment),
      );
      if (wt.seconds(now, due) < S.due_soon.remainingShare * total + 2 * MARGIN) return 'dossier due soon at now';
    }
    const segFrom = layout.moves[c]!.from;
    const own = events.filter((e) => e.official === holder && e.story !== null && e.at >= segFrom);
    // Handed over minutes ago and not opened yet: only the sender's word says who holds it.
    if (own.length === 0) return 'the holder at now has not taken the dossier up yet';
    let lastAct = segFrom;
    let lastAction = -Infinity;
    for (const e of own) {
      if (e.kind === 'action') lastAction = Math.max(lastAction, e.at);
      if (e.kind === 'action' || e.kind === 'active') lastAct = Math.max(lastAct, e.at);
    }
    const idle = wt.seconds(lastAct, now);
    const idleLimit = S.idle_at_holder.idleHours * 3600;
    if (has('idle_at_holder') ? idle < idleLimit + MARGIN : idle > idleLimit - MARGIN) return `idle ${Math.round(idle / 60)} min at now`;
    const opens = own.filter((e) => e.kind === 'open' && e.at > lastAction);
    const days = new Set(opens.map((e) => wt.dayOf(e.at)).filter((d) => wt.shifts(d).length > 0));
    const viewed = opens.length >= S.viewed_not_acted.minOpens && days.size >= S.viewed_not_acted.minDays;
    if (viewed !== has('viewed_not_acted')) return `viewed-not-acted ${viewed} at now`;
  } else if (has('idle_at_holder') || has('viewed_not_acted') || story.stalls.some((s) => s.rule === 'overdue' && s.official)) {
    return 'current-holder stall but nobody holds the dossier at now';
  }

  // Hand-overs that happened by now, by pair and returns.
  const pairs = new Map<string, number>();
  let returns = 0;
  story.moves.forEach((m, i) => {
    if (m.end.kind !== 'handover' || layout.moves[i]!.at > now || m.end.to === m.holder) return;
    const key = [m.holder, m.end.to].sort().join('~');
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
    if (m.end.action === 'return') returns += 1;
  });
  const pingPong = Math.max(0, ...pairs.values()) >= S.ping_pong.pairHandovers;
  if (pingPong !== has('ping_pong')) return `ping-pong ${pingPong} at now`;
  // A heavy ping-pong also crosses the returns threshold: its story lists two ping_pong stalls.
  const returnsExpected = story.stalls.filter((s) => s.rule === 'ping_pong').length === 2;
  if (returns >= S.ping_pong.returns !== returnsExpected) return `returns ${returns} at now`;
  if (truth.pauses.length > S.repeated_supplement.maxRequests !== has('repeated_supplement')) return 'supplement requests do not match';
  return null;
}
