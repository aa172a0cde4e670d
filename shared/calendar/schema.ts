/**
 * The stored (JSON) form of a working calendar, validated with zod. Omitted fields take the
 * defaults: Monday–Friday 07:30–11:30 and 13:30–17:00, computed statutory holidays, the
 * published yearly tables, 8 hours per working day.
 */
import { z } from 'zod';
import { MAX_YEAR, MIN_YEAR, tryParseIsoDate, WEEKDAYS } from './civil-date.ts';
import { DEFAULT_HOURS_PER_WORKING_DAY, defaultHolidayOptions, defaultWeekly } from './defaults.ts';
import type { CalendarDefinition } from './types.ts';

const isoDate = z.string().refine((text) => {
  const day = tryParseIsoDate(text);
  const year = Number(text.slice(0, 4));
  return day !== undefined && year >= MIN_YEAR && year <= MAX_YEAR;
}, `ngày không hợp lệ (YYYY-MM-DD, năm ${MIN_YEAR}–${MAX_YEAR})`);

const clock = z.string().regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'giờ không hợp lệ (HH:MM)');

// Zero-padded HH:MM strings compare in time order.
const shiftSchema = z
  .object({ start: clock, end: clock })
  .strict()
  .refine((s) => s.start < s.end, 'ca làm việc phải kết thúc sau giờ bắt đầu');

const shiftsSchema = z
  .array(shiftSchema)
  .max(8)
  .refine(
    (list) => list.every((s, i) => i === 0 || (list[i - 1] as { end: string }).end <= s.start),
    'các ca phải theo thứ tự thời gian và không chồng lên nhau',
  );

const weekdaySchema = z.enum(WEEKDAYS);

// A day left out keeps the standard week (Monday–Friday default hours, weekend closed), so a unit
// that opens a Saturday-morning desk writes only `sat`; `mon: []` closes a day explicitly.
const standardWeek = defaultWeekly();
const weeklySchema = z
  .object({
    mon: shiftsSchema.default(() => standardWeek.mon.map((s) => ({ ...s }))),
    tue: shiftsSchema.default(() => standardWeek.tue.map((s) => ({ ...s }))),
    wed: shiftsSchema.default(() => standardWeek.wed.map((s) => ({ ...s }))),
    thu: shiftsSchema.default(() => standardWeek.thu.map((s) => ({ ...s }))),
    fri: shiftsSchema.default(() => standardWeek.fri.map((s) => ({ ...s }))),
    sat: shiftsSchema.default(() => []),
    sun: shiftsSchema.default(() => []),
  })
  .strict();

export const holidayKeySchema = z.enum(['new_year', 'tet', 'hung_kings', 'victory_day', 'labour_day', 'national_day']);

const defaults = defaultHolidayOptions();
const holidayOptionsSchema = z
  .object({
    computed: z.boolean().default(defaults.computed),
    publishedSchedules: z.boolean().default(defaults.publishedSchedules),
    tet: z
      .object({
        lastDaysOfOldYear: z.int().min(0).max(7).default(defaults.tet.lastDaysOfOldYear),
        firstDaysOfNewYear: z.int().min(1).max(9).default(defaults.tet.firstDaysOfNewYear),
      })
      .strict()
      .prefault({}),
    nationalDayAdjacent: z.enum(['before', 'after']).default(defaults.nationalDayAdjacent),
    compensate: z.boolean().default(defaults.compensate),
    weeklyRestDays: z.array(weekdaySchema).default(() => [...defaults.weeklyRestDays]),
  })
  .strict();

const nameSchema = z.string().trim().min(1).max(200);

const yearOverrideSchema = z
  .object({
    daysOff: z.array(z.object({ date: isoDate, name: nameSchema, holiday: holidayKeySchema.optional() }).strict()).default(() => []),
    workingDays: z
      .array(
        z
          .object({ date: isoDate, shifts: shiftsSchema.optional(), holiday: holidayKeySchema.optional(), note: nameSchema.optional() })
          .strict(),
      )
      .default(() => []),
  })
  .strict();

const versionSchema = z
  .object({
    validFrom: isoDate,
    weekly: weeklySchema.prefault({}),
    holidays: holidayOptionsSchema.prefault({}),
    overrides: z.record(z.string().regex(/^\d{4}$/, 'khóa năm phải là YYYY'), yearOverrideSchema).default(() => ({})),
  })
  .strict()
  .superRefine((version, ctx) => {
    for (const [year, table] of Object.entries(version.overrides)) {
      const seen = new Set<string>();
      const dates = [...table.daysOff.map((d) => d.date), ...table.workingDays.map((d) => d.date)];
      for (const date of dates) {
        if (!date.startsWith(`${year}-`)) {
          ctx.addIssue({ code: 'custom', path: ['overrides', year], message: `ngày ${date} không thuộc năm ${year}` });
        }
        if (seen.has(date)) {
          ctx.addIssue({ code: 'custom', path: ['overrides', year], message: `ngày ${date} xuất hiện hai lần` });
        }
        seen.add(date);
      }
    }
  });

export const calendarDefinitionSchema = z
  .object({
    hoursPerWorkingDay: z.number().positive().max(24).default(DEFAULT_HOURS_PER_WORKING_DAY),
    versions: z
      .array(versionSchema)
      .min(1)
      .refine(
        (versions) => versions.every((v, i) => i === 0 || (versions[i - 1] as { validFrom: string }).validFrom < v.validFrom),
        'các phiên bản phải theo thứ tự validFrom tăng dần, không trùng ngày',
      ),
  })
  .strict();

/** What an admin may write: every field with a default may be left out. */
export type CalendarDefinitionInput = z.input<typeof calendarDefinitionSchema>;

// Keeps the hand-written types and the schema from drifting apart.
const outputMatchesTypes: z.output<typeof calendarDefinitionSchema> extends CalendarDefinition ? true : false = true;
void outputMatchesTypes;

/** Validates and fills defaults; throws a ZodError (use `calendarDefinitionSchema.safeParse` at HTTP boundaries). */
export function parseCalendarDefinition(input: unknown): CalendarDefinition {
  return calendarDefinitionSchema.parse(input);
}
