/**
 * The calendar laid out day by day: each local day gets a plan (its working intervals, computed
 * with the version in force on that day), and each year a table of prefix sums of working
 * milliseconds and working days, so that any span costs two intra-day lookups plus a subtraction
 * per year crossed. Tables are built lazily on first use and kept: a calendar is immutable.
 */
import { clockToMs, dayNumberFromYmd, localDayStartMs, MAX_YEAR, MIN_YEAR, parseIsoDate, WEEKDAYS, weekdayIndex } from './civil-date.ts';
import { yearRules } from './day-rules.ts';
import type { DayRule } from './day-rules.ts';
import type { CalendarDefinition, CalendarVersion, Shift } from './types.ts';

export interface DayPlan {
  /** Shift bounds in ms after local midnight, sorted, non-overlapping. */
  starts: number[];
  ends: number[];
  totalMs: number;
  shifts: Shift[];
  rule?: DayRule;
}

export interface YearTable {
  firstDay: number;
  plans: DayPlan[];
  /** cumMs[i] = working ms of the year's days before index i; length plans.length + 1. */
  cumMs: Float64Array;
  /** cumDays[i] = working days (days with any working time) before index i. */
  cumDays: Int32Array;
}

interface PreparedVersion {
  version: CalendarVersion;
  startDay: number;
  weekly: DayPlan[];
  makeUpShifts: Shift[];
  rules: Map<number, Map<number, DayRule>>;
}

const YEAR_FIRST_DAY: number[] = [];
for (let y = MIN_YEAR; y <= MAX_YEAR + 1; y++) YEAR_FIRST_DAY.push(dayNumberFromYmd(y, 1, 1));
export const YEAR_COUNT = MAX_YEAR - MIN_YEAR + 1;
const FIRST_DAY = YEAR_FIRST_DAY[0] as number;
const END_DAY = YEAR_FIRST_DAY[YEAR_FIRST_DAY.length - 1] as number;

function planOf(shifts: Shift[], rule?: DayRule): DayPlan {
  const starts = shifts.map((s) => clockToMs(s.start));
  const ends = shifts.map((s) => clockToMs(s.end));
  let totalMs = 0;
  for (let i = 0; i < starts.length; i++) totalMs += (ends[i] as number) - (starts[i] as number);
  const plan: DayPlan = { starts, ends, totalMs, shifts };
  if (rule) plan.rule = rule;
  return plan;
}

function prepare(version: CalendarVersion): PreparedVersion {
  const weekly = WEEKDAYS.map((name) => planOf(version.weekly[name]));
  const firstFull = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).find((d) => version.weekly[d].length > 0);
  return {
    version,
    startDay: parseIsoDate(version.validFrom),
    weekly,
    makeUpShifts: firstFull ? version.weekly[firstFull] : [],
    rules: new Map(),
  };
}

export interface Timeline {
  /** Index of the year containing `day` (0 = MIN_YEAR); RangeError outside the supported years. */
  yearIndex(day: number): number;
  table(yearIndex: number): YearTable;
  plan(day: number): DayPlan;
}

export function assertDayInRange(day: number): void {
  if (!(day >= FIRST_DAY && day < END_DAY)) {
    throw new RangeError(`instant outside the calendar's years ${MIN_YEAR}–${MAX_YEAR}`);
  }
}

export function createTimeline(definition: CalendarDefinition): Timeline {
  const versions = definition.versions.map(prepare);
  const tables: (YearTable | undefined)[] = [];

  function versionFor(day: number): PreparedVersion {
    // Days before the first version use the first version: there is nothing older to apply.
    let chosen = versions[0] as PreparedVersion;
    for (const v of versions) {
      if (v.startDay <= day) chosen = v;
      else break;
    }
    return chosen;
  }

  function rulesFor(v: PreparedVersion, year: number): Map<number, DayRule> {
    let rules = v.rules.get(year);
    if (!rules) {
      rules = yearRules(v.version, year);
      v.rules.set(year, rules);
    }
    return rules;
  }

  function computePlan(day: number, year: number): DayPlan {
    const v = versionFor(day);
    const rule = rulesFor(v, year).get(day);
    if (!rule) return v.weekly[weekdayIndex(day)] as DayPlan;
    if (rule.kind === 'off') return planOf([], rule);
    return planOf(rule.shifts ?? v.makeUpShifts, rule);
  }

  function yearIndex(day: number): number {
    assertDayInRange(day);
    let i = Math.min(Math.floor((day - FIRST_DAY) / 365.2425), YEAR_FIRST_DAY.length - 2);
    while (day < (YEAR_FIRST_DAY[i] as number)) i--;
    while (day >= (YEAR_FIRST_DAY[i + 1] as number)) i++;
    return i;
  }

  function table(index: number): YearTable {
    const cached = tables[index];
    if (cached) return cached;
    const firstDay = YEAR_FIRST_DAY[index] as number;
    const length = (YEAR_FIRST_DAY[index + 1] as number) - firstDay;
    const plans: DayPlan[] = [];
    const cumMs = new Float64Array(length + 1);
    const cumDays = new Int32Array(length + 1);
    for (let i = 0; i < length; i++) {
      const plan = computePlan(firstDay + i, MIN_YEAR + index);
      plans.push(plan);
      cumMs[i + 1] = (cumMs[i] as number) + plan.totalMs;
      cumDays[i + 1] = (cumDays[i] as number) + (plan.totalMs > 0 ? 1 : 0);
    }
    const built = { firstDay, plans, cumMs, cumDays };
    tables[index] = built;
    return built;
  }

  function plan(day: number): DayPlan {
    const t = table(yearIndex(day));
    return t.plans[day - t.firstDay] as DayPlan;
  }

  return { yearIndex, table, plan };
}

/** Working ms of a plan before `msInDay`. */
export function workedBefore(plan: DayPlan, msInDay: number): number {
  let worked = 0;
  for (let i = 0; i < plan.starts.length; i++) {
    const start = plan.starts[i] as number;
    if (msInDay <= start) break;
    const end = plan.ends[i] as number;
    worked += (msInDay < end ? msInDay : end) - start;
  }
  return worked;
}

/** The earliest ms after local midnight by which `worked` ms (0 < worked <= totalMs) have elapsed. */
export function msAtWorked(plan: DayPlan, worked: number): number {
  let left = worked;
  for (let i = 0; i < plan.starts.length; i++) {
    const start = plan.starts[i] as number;
    const length = (plan.ends[i] as number) - start;
    if (left <= length) return start + left;
    left -= length;
  }
  return plan.ends[plan.ends.length - 1] as number;
}

export function dayStart(day: number): number {
  return localDayStartMs(day);
}
