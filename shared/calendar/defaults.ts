import type { HolidayOptions, Shift, WeeklySchedule } from './types.ts';

/** Office hours most provinces publish; Khánh Hòa's own were not confirmed, so units override them. */
export const DEFAULT_SHIFTS: readonly Shift[] = Object.freeze([
  Object.freeze({ start: '07:30', end: '11:30' }),
  Object.freeze({ start: '13:30', end: '17:00' }),
]);

export function defaultWeekly(): WeeklySchedule {
  const day = () => DEFAULT_SHIFTS.map((s) => ({ ...s }));
  return { mon: day(), tue: day(), wed: day(), thu: day(), fri: day(), sat: [], sun: [] };
}

export function defaultHolidayOptions(): HolidayOptions {
  return {
    computed: true,
    publishedSchedules: true,
    // Labour Code 2019 art. 112: 5 days; the usual arrangement is the last day of the old year
    // and lunar 1–4, but each year's published table decides.
    tet: { lastDaysOfOldYear: 1, firstDaysOfNewYear: 4 },
    nationalDayAdjacent: 'before',
    compensate: true,
    weeklyRestDays: ['sat', 'sun'],
  };
}

/** DOMAIN: "1 working day = 8 working hours" for allotments given in hours. */
export const DEFAULT_HOURS_PER_WORKING_DAY = 8;
