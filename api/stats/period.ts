import { z } from 'zod';
import { dayOrInstantSchema } from '../../shared/schemas/strict-dates.ts';
import { DAY_MS, localIsoDateStartMs } from '../../shared/calendar/civil-date.ts';

/** `from`/`to` as ISO instants or `YYYY-MM-DD` (local days in Asia/Ho_Chi_Minh, `to` inclusive), strictly. */
const dayOrInstant = dayOrInstantSchema;

export const periodQuerySchema = z.object({ from: dayOrInstant.optional(), to: dayOrInstant.optional() });

export function periodBounds(q: z.infer<typeof periodQuerySchema>): { from: number | null; to: number | null } {
  const day = (s: string, end: boolean) => localIsoDateStartMs(s) + (end ? DAY_MS : 0);
  const at = (s: string | undefined, end: boolean) =>
    s === undefined ? null : /^\d{4}-\d{2}-\d{2}$/.test(s) ? day(s, end) : Date.parse(s);
  return { from: at(q.from, false), to: at(q.to, true) };
}
