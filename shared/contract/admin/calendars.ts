import { z } from 'zod';
import { calendarDefinitionSchema } from '../../calendar/index.ts';

/**
 * The body of "add a version": one version of the shared calendar schema (validFrom, weekly
 * hours, holiday options, yearly overrides), taken from the colleague-owned definition schema so
 * the two cannot drift apart.
 */
export const calendarVersionInputSchema = calendarDefinitionSchema.shape.versions.element;
export type CalendarVersionInput = z.input<typeof calendarVersionInputSchema>;

export const calendarVersionSchema = z.object({
  version: z.number().int().min(1),
  validFrom: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  /** The whole calendar as of this version: earlier versions plus this one, ready for createCalendar. */
  definition: calendarDefinitionSchema,
});
export type CalendarVersionRow = z.infer<typeof calendarVersionSchema>;

export const calendarResponseSchema = z.object({
  unitId: z.string(),
  /** `own`: the unit has versions; `inherited`: the nearest ancestor's; `default`: the built-in calendar. */
  source: z.enum(['own', 'inherited', 'default']),
  inheritedFrom: z.string().nullable(),
  current: calendarVersionSchema.nullable(),
  /** The unit's own versions, newest first. */
  versions: z.array(calendarVersionSchema),
  /** The calendar in force for the unit. */
  definition: calendarDefinitionSchema,
});
export type CalendarView = z.infer<typeof calendarResponseSchema>;

export const calendarVersionResponseSchema = z.object({ calendar: calendarVersionSchema });
