/** Local days of Asia/Ho_Chi_Minh as YYYY-MM-DD; the offset and the conversions are shared/calendar's. */
import { DAY_MS } from '../../shared/calendar/civil-date.ts';

export { localIsoDate as localDate, localIsoDateStartMs as localDayStart } from '../../shared/calendar/civil-date.ts';

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Monday of the local week containing `day`. */
export function weekStart(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** The reception day written in a dossier code (`…-yyMMdd-NNNN`), or null if it is not a date. */
export function dayOfDossierCode(code: string): string | null {
  const m = /-(\d{2})(\d{2})(\d{2})-\d{4}$/.exec(code);
  if (!m) return null;
  const day = `20${m[1]}-${m[2]}-${m[3]}`;
  const parsed = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== day ? null : day;
}
