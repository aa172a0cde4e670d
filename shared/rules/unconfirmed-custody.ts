import type { Segment } from '../custody/types.ts';
import { addWorkingSeconds } from '../timeliness/working-time.ts';
import { currentSegment, recordSegments } from './custody-view.ts';
import { createFlag, escalate, toHours } from './flag.ts';
import type { Flag, RuleInput } from './types.ts';

/**
 * Review items, never blame (officialId is always null; who is concerned is in the details):
 * - `claimed`: another official's hand-over put custody on someone who
 *   has not taken it up for more than `afterHours` working hours, or ever: a hand-over the receiver
 *   never acknowledged, or one made up to frame them. The claimant is named.
 * - `inferred`: custody only the extension's guess puts on someone (mid-process, after a hand-over
 *   naming nobody, a takeover without hand-over), for more than `afterHours`.
 * - `disputed`: someone acted on a dossier whose holder's custody stood, and nothing has settled it.
 * - `refuted`: that act was refuted by the holder carrying on: a mistaken or forged act, on record.
 */
export function unconfirmedCustodyRule(input: RuleInput): Flag[] {
  const cfg = input.settings.unconfirmed_custody;
  if (!cfg.enabled) return [];
  const { timeline, clock, now } = input;
  const threshold = cfg.afterHours * 3600;
  const flags: Flag[] = [];
  const current = currentSegment(timeline);

  for (const s of timeline.segments) {
    // A page naming someone is an observation, not an act: only acts and contests are reviewed.
    if (s.evidence === 'confirmed' || (s.cause === 'reading' && !s.contested)) continue;
    const end = s.to ?? Math.max(s.from, now);
    const seconds = clock.workingSecondsBetween(s.from, end);
    const kind = s.contested ? (s.to !== null && !isOpenChallenge(timeline, s) ? 'refuted' : 'disputed') : s.evidence;
    if (kind === s.evidence && !(seconds > threshold)) continue;
    flags.push(
      createFlag(input, {
        rule: 'unconfirmed_custody',
        variant: `${kind}:${s.holderId}`,
        since: kind === s.evidence ? addWorkingSeconds(clock, s.from, threshold) : s.from,
        officialId: null,
        severity: kind === 'refuted' ? 'warning' : escalate(seconds / 3600, cfg.severity),
        hoursOver: toHours(Math.max(0, seconds - (kind === s.evidence ? threshold : 0))),
        evidence: s.eventIds,
        details: {
          kind,
          holderId: s.holderId,
          claimedBy: s.claimedBy,
          cause: s.cause,
          from: s.from,
          to: s.to,
          hours: toHours(seconds),
          ...(s.contested ? { recordHolderId: recordHolderAt(input, s.from) } : {}),
        },
      }),
    );
  }
  if (current !== null && current.disputedFrom !== null && !timeline.segments.some((s) => s.contested && s.to === null)) {
    // The challenger's line ended (an end or a pause nobody confirmed): the dispute itself stands.
    flags.push(
      createFlag(input, {
        rule: 'unconfirmed_custody',
        variant: `disputed:${current.holderId}`,
        since: current.disputedFrom,
        officialId: null,
        severity: escalate(clock.workingSecondsBetween(current.disputedFrom, now) / 3600, cfg.severity),
        hoursOver: toHours(clock.workingSecondsBetween(current.disputedFrom, now)),
        evidence: current.eventIds,
        details: {
          kind: 'disputed',
          holderId: current.holderId,
          claimedBy: null,
          cause: current.cause,
          from: current.disputedFrom,
          to: null,
          hours: toHours(clock.workingSecondsBetween(current.disputedFrom, now)),
          unconfirmedFinish: timeline.unconfirmedFinish ? { ...timeline.unconfirmedFinish } : null,
        },
      }),
    );
  }
  return flags;
}

/** A contested segment of the challenge still open (the record holder's custody is disputed now). */
function isOpenChallenge(timeline: RuleInput['timeline'], s: Segment): boolean {
  const current = currentSegment(timeline);
  return current !== null && current.disputedFrom !== null && s.from >= current.disputedFrom;
}

function recordHolderAt(input: RuleInput, at: number): string | null {
  const record = recordSegments(input.timeline).filter((r) => r.from <= at && (r.to === null || r.to >= at));
  return record[record.length - 1]?.holderId ?? null;
}
