import { describe, expect, it } from 'vitest';
import { summarizeTimeliness } from './summarize-timeliness.ts';
import type { DossierTimeliness, TimelinessState } from './types.ts';

const H = 3600;
const c = (state: TimelinessState, handlingHours: number | null = null): DossierTimeliness => {
  const finished = state === 'early' || state === 'on_time' || state === 'late' || (state === 'unknown' && handlingHours !== null);
  return {
    state,
    finishedAt: finished ? 1 : null,
    effectiveAppointmentAt: 2,
    lateReason: null,
    supplementRequests: 0,
    handlingSeconds: finished && handlingHours !== null ? handlingHours * H : null,
    handlingFromReception: true,
  };
};

describe('summarizeTimeliness', () => {
  it('counts states, shares of finished dossiers and the average handling time', () => {
    const s = summarizeTimeliness([
      c('early', 10),
      c('early', 20),
      c('on_time', 30),
      c('late', 60),
      c('in_progress_on_time'),
      c('in_progress_late'),
      c('paused_on_time'),
      c('paused_late'),
      c('unknown'),
    ]);
    expect(s.total).toBe(9);
    expect(s.counts).toEqual({
      early: 2,
      on_time: 1,
      late: 1,
      in_progress_on_time: 1,
      in_progress_late: 1,
      paused_on_time: 1,
      paused_late: 1,
      unknown: 1,
    });
    expect(s.finished).toBe(4);
    expect(s.unfinished).toBe(5);
    expect(s.shares).toEqual({ early: 0.5, onTime: 0.25, late: 0.25, earlyOrOnTime: 0.75 });
    expect(s.unfinishedLateShare).toBe(0.4);
    expect(s.averageHandlingHours).toBe(30);
    expect(s.averageHandlingSeconds).toBe(30 * H);
    expect(s.handlingSamples).toBe(4);
  });

  it('gives null shares and averages when nothing finished', () => {
    const s = summarizeTimeliness([c('in_progress_on_time')]);
    expect(s.shares).toBeNull();
    expect(s.averageHandlingHours).toBeNull();
    expect(summarizeTimeliness([]).unfinishedLateShare).toBeNull();
  });
});
