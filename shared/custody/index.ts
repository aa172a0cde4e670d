export { buildCustody } from './build-custody.ts';
export { summarizeCustody } from './summarize-custody.ts';
export { compareEvents, orderEvents } from './order.ts';
export { mergeIntervals } from './intervals.ts';
export type {
  CustodyOptions,
  CustodyTimeline,
  Finished,
  OfficialCustodySummary,
  Pause,
  Segment,
  SegmentEnd,
  StoredEvent,
  Viewer,
  WorkingClock,
} from './types.ts';
