/**
 * Which days of a year are exceptions to a version's weekly hours, and why.
 *
 * Three layers, lowest first:
 *   1. computed statutory holidays (holidays.ts), when `holidays.computed`;
 *   2. the government's published table of the year (known-schedules.ts), when
 *      `holidays.publishedSchedules`;
 *   3. the version's own yearly override, edited by an admin.
 * A layer is authoritative for every statutory holiday its days off name (`holiday` key): the
 * lower layers' days of that holiday — days off, compensatory days and make-up working days
 * alike — are dropped before the layer's own days are applied. Days off without a key are
 * simply added (a provincial day off, a typhoon), and working days always win on their date.
 * So a published table that names Tết 2025 replaces the computed Tết 2025 (including its
 * compensatory Monday 3 February), while 1 January 2025, which it does not name, stays computed.
 */
import { parseIsoDate } from './civil-date.ts';
import { computeDefaultHolidays } from './holidays.ts';
import { KNOWN_SCHEDULES } from './known-schedules.ts';
import type { CalendarVersion, HolidayKey, Shift, YearOverride } from './types.ts';

export type DayRule =
  | { kind: 'off'; name: string; holiday?: HolidayKey }
  | { kind: 'work'; shifts?: Shift[]; note?: string; holiday?: HolidayKey };

function applyLayer(rules: Map<number, DayRule>, layer: YearOverride): void {
  const settled = new Set<HolidayKey>();
  for (const off of layer.daysOff) if (off.holiday) settled.add(off.holiday);
  for (const [day, rule] of rules) {
    if (rule.holiday && settled.has(rule.holiday)) rules.delete(day);
  }
  for (const off of layer.daysOff) {
    const rule: DayRule = { kind: 'off', name: off.name };
    if (off.holiday) rule.holiday = off.holiday;
    rules.set(parseIsoDate(off.date), rule);
  }
  for (const work of layer.workingDays) {
    const rule: DayRule = { kind: 'work' };
    if (work.shifts) rule.shifts = work.shifts;
    if (work.note) rule.note = work.note;
    if (work.holiday) rule.holiday = work.holiday;
    rules.set(parseIsoDate(work.date), rule);
  }
}

/** The exceptional days of a Gregorian year under one calendar version, keyed by day number. */
export function yearRules(version: CalendarVersion, year: number): Map<number, DayRule> {
  const rules = new Map<number, DayRule>();
  if (version.holidays.computed) {
    for (const h of computeDefaultHolidays(year, version.holidays)) {
      // Two holidays on one day (Hùng Kings on 30 April, once in 1901–2099: 1947) give no extra
      // day: the Labour Code compensates only holidays on weekly rest days.
      const existing = rules.get(h.day);
      const name = existing?.kind === 'off' ? `${existing.name}; ${h.name}` : h.name;
      rules.set(h.day, { kind: 'off', name, holiday: existing?.holiday ?? h.holiday });
    }
  }
  const published = version.holidays.publishedSchedules ? KNOWN_SCHEDULES[String(year)] : undefined;
  if (published) applyLayer(rules, published);
  const own = version.overrides[String(year)];
  if (own) applyLayer(rules, own);
  return rules;
}
