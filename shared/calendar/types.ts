/**
 * The shape of a working calendar as an admin edits and stores it (JSON), after validation and
 * defaults (see schema.ts), and of what the calendar answers.
 */
import type { Weekday } from './civil-date.ts';

export type { Weekday } from './civil-date.ts';

/** Local wall-clock span `HH:MM`–`HH:MM` (UTC+7), end exclusive. */
export interface Shift {
  start: string;
  end: string;
}

export type WeeklySchedule = Record<Weekday, Shift[]>;

/** The statutory public holidays (Labour Code 2019, art. 112). */
export type HolidayKey = 'new_year' | 'tet' | 'hung_kings' | 'victory_day' | 'labour_day' | 'national_day';

export interface HolidayOptions {
  /** Compute the statutory holidays; off means only the yearly tables give days off. */
  computed: boolean;
  /** Apply the government's published yearly tables built into known-schedules.ts. */
  publishedSchedules: boolean;
  tet: {
    /** Days off at the end of the old lunar year, ending with its last day. */
    lastDaysOfOldYear: number;
    /** Days off from lunar 1/1 on. */
    firstDaysOfNewYear: number;
  };
  /** The day off next to 2 September: 1 September ('before') or 3 September ('after'). */
  nationalDayAdjacent: 'before' | 'after';
  /** Give a compensatory day off when a holiday falls on a weekly rest day (art. 112(3)). */
  compensate: boolean;
  /** The statutory weekly rest days that trigger compensation (civil servants: Saturday, Sunday). */
  weeklyRestDays: Weekday[];
}

export interface DayOff {
  date: string;
  name: string;
  /** Names the statutory holiday this day belongs to; see the layering rule in day-rules.ts. */
  holiday?: HolidayKey;
}

export interface ExtraWorkingDay {
  date: string;
  /** Defaults to the version's Monday hours (a make-up day stands in for a full weekday). */
  shifts?: Shift[];
  /** The holiday arrangement this make-up day belongs to. */
  holiday?: HolidayKey;
  note?: string;
}

export interface YearOverride {
  daysOff: DayOff[];
  workingDays: ExtraWorkingDay[];
}

export interface CalendarVersion {
  /** First local day (YYYY-MM-DD) this version governs; it governs until the next version. */
  validFrom: string;
  weekly: WeeklySchedule;
  holidays: HolidayOptions;
  /** Keyed by year `YYYY`. */
  overrides: Record<string, YearOverride>;
}

export interface CalendarDefinition {
  /** Converts allotments given in hours to working days ("1 working day = 8 working hours"). */
  hoursPerWorkingDay: number;
  /** Sorted by validFrom, strictly increasing. */
  versions: CalendarVersion[];
}

export interface DayInfo {
  date: string;
  working: boolean;
  shifts: Shift[];
  holidayName?: string;
  /** Why an otherwise rest day is worked (a make-up day). */
  note?: string;
}

/**
 * - working_days: N whole or fractional working days of the calendar, whatever their length;
 * - working_hours: an allotment in hours, converted to working days at hoursPerWorkingDay;
 * - calendar_days: N × 24 h, moved to the end of the next working day if it lands on a day off.
 */
export type DueUnit = 'working_days' | 'working_hours' | 'calendar_days';

export interface WorkingCalendar {
  readonly definition: CalendarDefinition;
  /** Working seconds in [fromMs, toMs); 0 when toMs <= fromMs. */
  workingSecondsBetween(fromMs: number, toMs: number): number;
  /** The earliest instant at which `seconds` of working time have elapsed since fromMs. */
  addWorkingTime(fromMs: number, seconds: number): number;
  /** ms itself when inside a shift, else the start of the next shift. */
  nextWorkingInstant(ms: number): number;
  /** Working-day coordinate difference: fractional working days in [fromMs, toMs); 0 when toMs <= fromMs. */
  workingDaysBetween(fromMs: number, toMs: number): number;
  /** The earliest instant `days` working days (fractions pro rata of each day's hours) after fromMs. */
  addWorkingDays(fromMs: number, days: number): number;
  isWorkingDay(date: string): boolean;
  dayInfo(date: string): DayInfo;
  dueDate(receivedMs: number, amount: number, unit: DueUnit): number;
}
