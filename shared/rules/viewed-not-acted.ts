import { localDayNumber, localDayStart } from '../timeliness/working-time.ts';
import { blameEnd, blamedSegment, dossierEvents } from './custody-view.ts';
import { createFlag, escalate, toHours } from './flag.ts';
import type { Flag, RuleInput } from './types.ts';

/**
 * The holder keeps opening the dossier without acting: `minOpens` or more opens on `minDays` or
 * more distinct working days since their last action in this custody. Acting closes it.
 * A day counts only if the calendar has working time on it, so a weekend look is not held
 * against anyone.
 */
export function viewedNotActedRule(input: RuleInput): Flag[] {
  const cfg = input.settings.viewed_not_acted;
  if (!cfg.enabled) return [];
  const segment = blamedSegment(input.timeline);
  if (segment === null) return [];
  const { clock } = input;
  const now = blameEnd(segment, input.now);
  const offset = input.settings.utcOffsetMinutes;
  const own = dossierEvents(input).filter((e) => e.officialId === segment.holderId && e.at >= segment.from && e.at <= now);
  let lastAction = Number.NEGATIVE_INFINITY;
  for (const e of own) if (e.kind === 'action') lastAction = e.at;
  const opens = own.filter((e) => e.kind === 'open' && e.at > lastAction);

  const workingDay = new Map<number, boolean>();
  const isWorkingDay = (day: number): boolean => {
    let known = workingDay.get(day);
    if (known === undefined) {
      known = clock.workingSecondsBetween(localDayStart(day, offset), localDayStart(day + 1, offset)) > 0;
      workingDay.set(day, known);
    }
    return known;
  };
  const days = new Set<number>();
  let since: number | null = null;
  opens.forEach((open, i) => {
    const day = localDayNumber(open.at, offset);
    if (isWorkingDay(day)) days.add(day);
    if (since === null && i + 1 >= cfg.minOpens && days.size >= cfg.minDays) since = open.at;
  });
  if (since === null) return [];
  return [
    createFlag(input, {
      rule: 'viewed_not_acted',
      since,
      officialId: segment.holderId,
      severity: escalate(days.size, cfg.severity),
      hoursOver: toHours(clock.workingSecondsBetween(since, now)),
      evidence: opens.map((e) => e.id),
      details: {
        opens: opens.length,
        workingDays: days.size,
        lastActionAt: Number.isFinite(lastAction) ? lastAction : null,
      },
    }),
  ];
}
