/**
 * A working calendar: working time between instants, deadlines, day information.
 *
 * All instants are epoch milliseconds; local time is UTC+7. Shift ends are exclusive (17:00 is
 * after work). Results that are instants are the EARLIEST instant with the required working time:
 * a deadline that consumes a whole morning is 11:30, not 13:30; a whole day is 17:00, not the next
 * morning. Any instant in the following non-working gap is equivalent in working time, so
 * lateness should be judged as `workingSecondsBetween(due, end) > 0`, never by the wall clock.
 *
 * Working days are a coordinate: working day j of the calendar spans [j, j + 1], an instant's
 * fraction is the share of that day's working time already elapsed, and non-working time keeps
 * the coordinate still. "N working days" after receipt is the coordinate + N, so:
 * received Monday 09:00 → due Tuesday 09:00; after closing or at the weekend → the end of the
 * N-th following working day (counting from the next working morning); during lunch → the
 * afternoon counts (due at the same share of the N-th day). Days of different lengths (a
 * Saturday-morning desk) each count as one day. Allotments in hours convert to days at
 * hoursPerWorkingDay (8), so the steps of a procedure add up to its total even though a default
 * day has 7.5 working hours; `addWorkingTime` is the plain working-seconds arithmetic.
 */
import { DAY_MS, formatIsoDate, localDayOf, parseIsoDate, VIETNAM_OFFSET_MS } from './civil-date.ts';
import { parseCalendarDefinition } from './schema.ts';
import type { CalendarDefinitionInput } from './schema.ts';
import { seek, sumDays } from './prefix-sums.ts';
import { createTimeline, dayStart, msAtWorked, workedBefore } from './timeline.ts';
import type { DayPlan } from './timeline.ts';
import type { DayInfo, DueUnit, WorkingCalendar } from './types.ts';

interface Split {
  day: number;
  msInDay: number;
}

function split(ms: number): Split {
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${ms}`);
  const day = localDayOf(ms);
  return { day, msInDay: ms + VIETNAM_OFFSET_MS - day * DAY_MS };
}

function assertAmount(amount: number, what: string): void {
  if (!Number.isFinite(amount) || amount < 0) throw new RangeError(`${what} must be a finite number >= 0, got ${amount}`);
}

function fractionOfDay(plan: DayPlan, msInDay: number): number {
  return plan.totalMs > 0 ? workedBefore(plan, msInDay) / plan.totalMs : 0;
}

function lastShiftEnd(plan: DayPlan): number {
  return plan.ends[plan.ends.length - 1] as number;
}

export function createCalendar(input: CalendarDefinitionInput): WorkingCalendar {
  const definition = parseCalendarDefinition(input);
  const tl = createTimeline(definition);

  function workingMsBetween(fromMs: number, toMs: number): number {
    const a = split(fromMs);
    const b = split(toMs);
    if (!(toMs > fromMs)) return 0;
    const pa = tl.plan(a.day);
    if (a.day === b.day) return workedBefore(pa, b.msInDay) - workedBefore(pa, a.msInDay);
    const head = pa.totalMs - workedBefore(pa, a.msInDay);
    return head + sumDays(tl, a.day + 1, b.day, false) + workedBefore(tl.plan(b.day), b.msInDay);
  }

  function addWorkingMs(fromMs: number, ms: number): number {
    const a = split(fromMs);
    if (ms === 0) return fromMs;
    const pa = tl.plan(a.day);
    const done = workedBefore(pa, a.msInDay);
    if (done + ms <= pa.totalMs) return dayStart(a.day) + msAtWorked(pa, done + ms);
    const need = ms - (pa.totalMs - done);
    const found = seek(tl, a.day + 1, need, false);
    return dayStart(found.day) + msAtWorked(tl.plan(found.day), need - found.before);
  }

  function nextWorkingInstant(ms: number): number {
    const a = split(ms);
    const pa = tl.plan(a.day);
    for (let i = 0; i < pa.starts.length; i++) {
      if (a.msInDay < (pa.ends[i] as number)) {
        const start = pa.starts[i] as number;
        return a.msInDay >= start ? ms : dayStart(a.day) + start;
      }
    }
    const next = seek(tl, a.day + 1, 1, true).day;
    return dayStart(next) + (tl.plan(next).starts[0] as number);
  }

  function workingDaysBetween(fromMs: number, toMs: number): number {
    const a = split(fromMs);
    const b = split(toMs);
    if (!(toMs > fromMs)) return 0;
    const whole = sumDays(tl, a.day, b.day, true);
    return whole + fractionOfDay(tl.plan(b.day), b.msInDay) - fractionOfDay(tl.plan(a.day), a.msInDay);
  }

  function addWorkingDays(fromMs: number, days: number): number {
    const a = split(fromMs);
    assertAmount(days, 'days');
    if (days === 0) return fromMs;
    // Working-day coordinate counted from the start of a.day: working day j spans [j, j + 1].
    const target = fractionOfDay(tl.plan(a.day), a.msInDay) + days;
    const whole = Math.floor(target);
    const day = seek(tl, a.day, whole + 1, true).day;
    const plan = tl.plan(day);
    const worked = Math.round((target - whole) * plan.totalMs);
    if (worked > 0) return dayStart(day) + msAtWorked(plan, Math.min(worked, plan.totalMs));
    // Exactly a whole number of days: the end of the previous working day is the earliest instant.
    if (whole === 0) return fromMs;
    const previous = seek(tl, a.day, whole, true).day;
    return dayStart(previous) + lastShiftEnd(tl.plan(previous));
  }

  function dueDate(receivedMs: number, amount: number, unit: DueUnit): number {
    assertAmount(amount, 'amount');
    switch (unit) {
      case 'working_days':
        return addWorkingDays(receivedMs, amount);
      case 'working_hours':
        return addWorkingDays(receivedMs, amount / definition.hoursPerWorkingDay);
      case 'calendar_days': {
        // Receipt outside working hours counts from the next working instant, as for working days.
        const due = nextWorkingInstant(receivedMs) + Math.round(amount * DAY_MS);
        const { day } = split(due);
        if (tl.plan(day).totalMs > 0) return due;
        // Civil Code 2015 art. 148: a term ending on a day off ends with the next working day.
        const next = seek(tl, day + 1, 1, true).day;
        return dayStart(next) + lastShiftEnd(tl.plan(next));
      }
      default:
        throw new RangeError(`unknown due-date unit: ${String(unit)}`);
    }
  }

  function dayInfo(date: string): DayInfo {
    const day = parseIsoDate(date);
    const plan = tl.plan(day);
    const info: DayInfo = {
      date: formatIsoDate(day),
      working: plan.totalMs > 0,
      shifts: plan.shifts.map((s) => ({ start: s.start, end: s.end })),
    };
    if (plan.rule?.kind === 'off') info.holidayName = plan.rule.name;
    if (plan.rule?.kind === 'work' && plan.rule.note) info.note = plan.rule.note;
    return info;
  }

  return {
    definition,
    workingSecondsBetween: (fromMs, toMs) => workingMsBetween(fromMs, toMs) / 1000,
    addWorkingTime: (fromMs, seconds) => {
      assertAmount(seconds, 'seconds');
      return addWorkingMs(fromMs, Math.round(seconds * 1000));
    },
    nextWorkingInstant,
    workingDaysBetween,
    addWorkingDays,
    isWorkingDay: (date) => tl.plan(parseIsoDate(date)).totalMs > 0,
    dayInfo,
    dueDate,
  };
}
