/**
 * The calendar a unit gets until an admin edits its own: Monday–Friday 07:30–11:30 and
 * 13:30–17:00, computed statutory holidays, and the government's published yearly tables
 * (known-schedules.ts). Its one version starts in 1900 so that it covers every supported day.
 */
import { createCalendar } from './calendar.ts';
import { defaultHolidayOptions, defaultWeekly, DEFAULT_HOURS_PER_WORKING_DAY } from './defaults.ts';
import type { CalendarDefinition, WorkingCalendar } from './types.ts';

export function defaultCalendarDefinition(): CalendarDefinition {
  return {
    hoursPerWorkingDay: DEFAULT_HOURS_PER_WORKING_DAY,
    versions: [{ validFrom: '1900-01-01', weekly: defaultWeekly(), holidays: defaultHolidayOptions(), overrides: {} }],
  };
}

export const DEFAULT_CALENDAR: WorkingCalendar = createCalendar(defaultCalendarDefinition());
