import { VIETNAM_OFFSET_MS } from '../../shared/calendar/civil-date.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** dd/MM/yyyy HH:mm in Vietnam's time, whatever the browser's own time zone. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms + VIETNAM_OFFSET_MS);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Hours with `digits` decimals, or a dash when the API does not know them (not derived yet). */
export function formatHours(hours: number | null, digits = 1): string {
  return hours === null ? '—' : hours.toFixed(digits);
}
