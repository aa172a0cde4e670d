import type { Segment, StoredEvent } from '../custody/types.ts';
import { addWorkingSeconds } from '../timeliness/working-time.ts';
import type { TimelinessClock } from '../timeliness/working-time.ts';
import { coverageGapSeconds } from './coverage.ts';
import { blameEnd, matchStep, recordSegments } from './custody-view.ts';
import type { ProcedureStep, RuleInput } from './types.ts';

/**
 * One official's continuous charge of one step: a segment, or segments split only by supplement
 * pauses. The pause is the citizen's time, but the work on either side of it is the same
 * assignment, so it is measured against one allotment (the pause extends the step's deadline).
 */
export interface Stint {
  holderId: string;
  segments: Segment[];
  /** Held intervals; the first starts where blame may start, the last ends now when still held. */
  pieces: [number, number][];
  stepLabel: string | null;
  step: ProcedureStep | null;
  current: boolean;
}

export interface StintMeasure {
  stint: Stint;
  workedSeconds: number;
  /** Null when the step is unknown or has no allotment. */
  allottedSeconds: number | null;
  /** Working seconds over allotment plus tolerance; 0 when within. */
  overSeconds: number;
  /** When the stint passed allotment plus tolerance. */
  overAt: number | null;
  /** Working seconds of the stint inside a coverage gap. */
  gapSeconds: number;
  /** False when a coverage gap covers most of the overrun, so it was not reliably measured. */
  blamed: boolean;
}

/** Stints of confirmed custody only: claimed and inferred custody is never measured against anyone. */
export function stintsOf(input: RuleInput, _events: readonly StoredEvent[]): Stint[] {
  const { timeline, now } = input;
  const stints: Stint[] = [];
  let previous: Stint | undefined;
  for (const segment of recordSegments(timeline)) {
    if (segment.evidence !== 'confirmed') {
      previous = undefined;
      continue;
    }
    const last = previous?.segments[previous.segments.length - 1];
    const step = matchStep(input.procedure, segment.step);
    const resumes =
      previous !== undefined &&
      last !== undefined &&
      last.endedBy === 'supplement_request' &&
      last.holderId === segment.holderId &&
      (step === null || previous.step === null || step === previous.step) &&
      timeline.pauses.some((p) => p.from === last.to && p.to === segment.from);
    const end = blameEnd(segment, now);
    let stint: Stint;
    if (resumes) {
      stint = previous!;
      stint.segments.push(segment);
      stint.pieces.push([segment.from, end]);
      stint.stepLabel ??= segment.step;
      stint.step ??= step;
    } else {
      stint = {
        holderId: segment.holderId,
        segments: [segment],
        pieces: [[segment.from, end]],
        stepLabel: segment.step,
        step,
        current: false,
      };
      stints.push(stint);
    }
    stint.current = segment.to === null && timeline.finished === null;
    previous = stint;
  }
  return stints;
}

/** The instant at which `seconds` of working time have been spent across the pieces; null if never. */
export function instantAtWorked(clock: TimelinessClock, pieces: readonly [number, number][], seconds: number): number | null {
  let left = seconds;
  for (const [from, to] of pieces) {
    const here = clock.workingSecondsBetween(from, to);
    if (here >= left) return addWorkingSeconds(clock, from, left);
    left -= here;
  }
  return null;
}

export function measureStint(input: RuleInput, stint: Stint, events: readonly StoredEvent[]): StintMeasure {
  const { clock } = input;
  const workedSeconds = stint.pieces.reduce((sum, [from, to]) => sum + clock.workingSecondsBetween(from, to), 0);
  const allotted = stint.step !== null && stint.step.allottedHours > 0 ? stint.step.allottedHours * 3600 : null;
  const limit = allotted === null ? null : allotted + input.settings.step_over_allotment.toleranceHours * 3600;
  const overSeconds = limit === null ? 0 : Math.max(0, workedSeconds - limit);
  const overAt = limit !== null && overSeconds > 0 ? instantAtWorked(clock, stint.pieces, limit) : null;
  const gapSeconds = stint.pieces.reduce((sum, [from, to]) => sum + coverageGapSeconds(input, stint.holderId, from, to, events), 0);
  const excused = overSeconds > 0 && gapSeconds > 0 && gapSeconds >= input.settings.coverage_gap.excuseShare * overSeconds;
  return { stint, workedSeconds, allottedSeconds: allotted, overSeconds, overAt, gapSeconds, blamed: !excused };
}
