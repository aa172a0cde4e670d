const OFFSET_MS = 7 * 3600_000; // Asia/Ho_Chi_Minh, no daylight saving
const pad = (n: number) => String(n).padStart(2, '0');

/** dd/MM/yyyy HH:mm in Vietnam's time, whatever the browser's own time zone. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms + OFFSET_MS);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function formatDate(ms: number): string {
  return formatDateTime(ms).slice(0, 10);
}

export function formatTime(ms: number): string {
  return formatDateTime(ms).slice(11);
}

/** "2 giờ 05 phút" / "45 giây": short enough for a badge or a popup row. */
export function formatDuration(seconds: number, lang: 'vi' | 'en' = 'vi'): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (lang === 'en') return h ? `${h} h ${pad(m)} min` : m ? `${m} min` : `${s} s`;
  return h ? `${h} giờ ${pad(m)} phút` : m ? `${m} phút` : `${s} giây`;
}

export function localDayStart(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / 86_400_000) * 86_400_000 - OFFSET_MS;
}

/** Monday 00:00 of the local week. */
export function localWeekStart(ms: number): number {
  const day = localDayStart(ms);
  const weekday = new Date(day + OFFSET_MS).getUTCDay(); // 0 = Sunday
  return day - ((weekday + 6) % 7) * 86_400_000;
}
