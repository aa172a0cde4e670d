export { buildCustody } from './build-custody.ts';
export { summarizeCustody } from './summarize-custody.ts';
export { compareEvents, orderEvents } from './order.ts';
export { mergeIntervals } from './intervals.ts';
export { ACTION_EFFECTS, END_KINDS, HANDOVER_KINDS, NEUTRAL_KINDS, handsOver, isHandledEnd, type CustodyEffect } from './action-effects.ts';
export type {
  CustodyOptions,
  CustodyTimeline,
  Evidence,
  Finished,
  OfficialCustodySummary,
  Pause,
  Segment,
  SegmentEnd,
  StartCause,
  StoredEvent,
  Viewer,
  WorkingClock,
} from './types.ts';
