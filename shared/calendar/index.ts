export { createCalendar } from './calendar.ts';
export { DEFAULT_CALENDAR, defaultCalendarDefinition } from './default-calendar.ts';
export { DEFAULT_HOURS_PER_WORKING_DAY, DEFAULT_SHIFTS, defaultHolidayOptions, defaultWeekly } from './defaults.ts';
export { computeDefaultHolidays, HOLIDAY_NAMES } from './holidays.ts';
export type { ComputedHoliday } from './holidays.ts';
export { KNOWN_SCHEDULES } from './known-schedules.ts';
export { leapMonthOf, lunarMonthLength, lunarToSolar, solarToLunar, VIETNAM_UTC_OFFSET_HOURS } from './lunar.ts';
export type { LunarDate } from './lunar.ts';
export { calendarDefinitionSchema, holidayKeySchema, parseCalendarDefinition } from './schema.ts';
export type { CalendarDefinitionInput } from './schema.ts';
export type {
  CalendarDefinition,
  CalendarVersion,
  DayInfo,
  DayOff,
  DueUnit,
  ExtraWorkingDay,
  HolidayKey,
  HolidayOptions,
  Shift,
  Weekday,
  WeeklySchedule,
  WorkingCalendar,
  YearOverride,
} from './types.ts';
