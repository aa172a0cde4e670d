/**
 * Wall-clock times of Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving), written without Intl
 * so the output does not depend on the server's ICU data or locale.
 */
import { VIETNAM_OFFSET_MS } from '../../shared/calendar/civil-date.ts';

function parts(ms: number) {
  const d = new Date(ms + VIETNAM_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return { y: d.getUTCFullYear(), mo: p(d.getUTCMonth() + 1), d: p(d.getUTCDate()), h: p(d.getUTCHours()), mi: p(d.getUTCMinutes()) };
}

/** dd/MM/yyyy HH:mm, as Vietnamese documents write dates. */
export function viDateTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  const t = parts(ms);
  return `${t.d}/${t.mo}/${t.y} ${t.h}:${t.mi}`;
}

/** yyyy-MM-dd HH:mm: what Excel recognises as a date-time whatever the reader's locale. */
export function sheetDateTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  const t = parts(ms);
  return `${t.y}-${t.mo}-${t.d} ${t.h}:${t.mi}`;
}

/** The same for an ISO string as the API answers it. */
export const sheetDateTimeOf = (iso: string | null | undefined): string => (iso ? sheetDateTime(Date.parse(iso)) : '');
