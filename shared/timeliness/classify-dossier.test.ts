import { describe, expect, it } from 'vitest';
import { buildCustody } from '../custody/build-custody.ts';
import { action } from '../custody/test-support.ts';
import type { StoredEvent } from '../custody/types.ts';
import { classifyDossier } from './classify-dossier.ts';
import { vn, vnOfficeClock, vnOfficeClockWithoutAdd } from './test-support.ts';
import type { TimelinessClock } from './working-time.ts';

const H = 3600;
/** Received Monday 08:00, promised for Wednesday 17:00. */
const APPOINTMENT = vn(2, 17);
const start: StoredEvent[] = [action('r', 'desk', vn(0, 8), 'receive'), action('f', 'desk', vn(0, 9), 'forward', { toOfficialId: 'spec' })];
const timeline = (events: StoredEvent[], now = vn(14, 0), clock: TimelinessClock = vnOfficeClock) =>
  buildCustody([...start, ...events], { now, clock });
const classify = (events: StoredEvent[], periodEnd = vn(14, 0), appointment: number | null = APPOINTMENT) =>
  classifyDossier(timeline(events), appointment, periodEnd, vnOfficeClock);
const finishAt = (when: number) => [action('x', 'spec', when, 'finish')];

describe('finished dossiers', () => {
  it.each([
    ['a day before the appointment date', vn(1, 16), 'early'],
    ['on the appointment date, before the hour', vn(2, 9), 'on_time'],
    ['at the appointment instant exactly', vn(2, 17), 'on_time'],
    ['a minute after the appointment', vn(2, 17, 1), 'late'],
    ['the next day', vn(3, 8), 'late'],
  ] as const)('finished %s: %s', (_, when, state) => {
    const c = classify(finishAt(when));
    expect(c.state).toBe(state);
    expect(c.finishedAt).toBe(when);
    expect(c.effectiveAppointmentAt).toBe(APPOINTMENT);
    expect(c.lateReason).toBe(state === 'late' ? 'after_appointment' : null);
  });

  it.each(['stop', 'reject', 'return_result'] as const)('ends at %s too', (kind) => {
    expect(classify([action('x', 'spec', vn(1, 9), kind)]).state).toBe('early');
  });

  it('measures handling time as working time held, from reception', () => {
    const c = classify(finishAt(vn(1, 9)));
    expect(c.handlingSeconds).toBe(8.5 * H); // Mon 08:00–17:00 less lunch, Tue 07:30–09:00
    expect(c.handlingFromReception).toBe(true);
  });
});

describe('supplement pauses shift the appointment', () => {
  // Tuesday 08:00–15:00 with the citizen: 3.5 h + 1.5 h = 5 working hours, so Wednesday 17:00
  // becomes Thursday 14:30 (07:30–11:30 is 4 h, then 13:30–14:30).
  const pause = [
    action('s1', 'spec', vn(1, 8), 'supplement_request'),
    action('d1', 'desk', vn(1, 15), 'supplement_done', { toOfficialId: 'spec' }),
  ];

  it.each([
    [vn(2, 16), 'early'],
    [vn(3, 14, 30), 'on_time'],
    [vn(3, 14, 31), 'late'],
  ] as const)('finished at %s is %s against Thursday 14:30', (when, state) => {
    const c = classify([...pause, ...finishAt(when)]);
    expect(c.effectiveAppointmentAt).toBe(vn(3, 14, 30));
    expect(c.state).toBe(state);
    expect(c.supplementRequests).toBe(1);
  });

  it('does not count the pause as handling time', () => {
    expect(classify([...pause, ...finishAt(vn(2, 9))]).handlingSeconds).toBe(7.5 * H + 2 * H + 1.5 * H); // Mon, Tue 07:30–08:00 and 15:00–17:00, Wed to 09:00
  });

  it('finds the same shifted date without addWorkingTime, and adds elapsed time without a clock', () => {
    const t = timeline([...pause, ...finishAt(vn(3, 9))]);
    expect(classifyDossier(t, APPOINTMENT, vn(14, 0), vnOfficeClockWithoutAdd).effectiveAppointmentAt).toBe(vn(3, 14, 30));
    expect(classifyDossier(t, APPOINTMENT, vn(14, 0)).effectiveAppointmentAt).toBe(vn(3, 0));
  });

  it('does not let a pause begun after the appointment rescue a late dossier', () => {
    const c = classify([
      action('s1', 'spec', vn(3, 8), 'supplement_request'),
      action('d1', 'desk', vn(3, 15), 'supplement_done', { toOfficialId: 'spec' }),
      ...finishAt(vn(3, 16)),
    ]);
    expect(c.effectiveAppointmentAt).toBe(APPOINTMENT);
    expect(c.state).toBe('late');
  });
});

describe('more than one supplement request', () => {
  const twice = [
    action('s1', 'spec', vn(0, 10), 'supplement_request'),
    action('d1', 'desk', vn(0, 14), 'supplement_done', { toOfficialId: 'spec' }),
    action('s2', 'spec', vn(0, 15), 'supplement_request'),
  ];

  it('counts late even when finished early', () => {
    const c = classify([...twice, action('d2', 'desk', vn(0, 16), 'supplement_done', { toOfficialId: 'spec' }), ...finishAt(vn(1, 9))]);
    expect(c).toMatchObject({ state: 'late', lateReason: 'multiple_supplements', supplementRequests: 2 });
  });

  it('counts late while paused or in progress, and without an appointment', () => {
    expect(classify(twice, vn(1, 9)).state).toBe('paused_late');
    const resumed = [...twice, action('d2', 'desk', vn(0, 16), 'supplement_done', { toOfficialId: 'spec' })];
    expect(classify(resumed, vn(1, 9)).state).toBe('in_progress_late');
    expect(classify([...resumed, ...finishAt(vn(1, 10))], vn(2, 0), null)).toMatchObject({ state: 'late', effectiveAppointmentAt: null });
  });

  it('counts only requests made by the period end', () => {
    expect(classify(twice, vn(0, 14, 30)).state).toBe('in_progress_on_time');
  });

  it('does not count a request repeated while the citizen still has the first one', () => {
    const c = classify([
      ...twice.slice(0, 1),
      action('s1b', 'spec', vn(0, 11), 'supplement_request'),
      ...twice.slice(1, 2),
      ...finishAt(vn(1, 9)),
    ]);
    expect(c).toMatchObject({ state: 'early', supplementRequests: 1 });
  });
});

describe('unfinished at the end of the period', () => {
  it('is in progress on time until the appointment passes, then late', () => {
    expect(classify([], vn(2, 17)).state).toBe('in_progress_on_time');
    expect(classify([], vn(2, 17, 1)).state).toBe('in_progress_late');
  });

  it('ignores a finish after the period end', () => {
    const c = classify(finishAt(vn(1, 10)), vn(1, 9));
    expect(c).toMatchObject({ state: 'in_progress_on_time', finishedAt: null, handlingSeconds: null });
  });

  it('is paused on time while the citizen supplements, even past the original appointment', () => {
    const c = classify([action('s1', 'spec', vn(1, 8), 'supplement_request')], vn(4, 12));
    expect(c.state).toBe('paused_on_time');
    expect(c.effectiveAppointmentAt!).toBeGreaterThan(vn(4, 12));
  });

  it('is paused late when the pause began after the appointment', () => {
    expect(classify([action('s1', 'spec', vn(3, 9), 'supplement_request')], vn(4, 12)).state).toBe('paused_late');
  });

  it('is unknown without an appointment', () => {
    expect(classify([], vn(4, 12), null)).toMatchObject({ state: 'unknown', lateReason: null });
    expect(classify(finishAt(vn(1, 9)), vn(4, 12), null).state).toBe('unknown');
  });
});
