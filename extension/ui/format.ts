import { VIETNAM_OFFSET_MS } from '../../shared/calendar/civil-date.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** dd/MM/yyyy HH:mm in Vietnam's time, whatever the browser's own time zone. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms + VIETNAM_OFFSET_MS);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
