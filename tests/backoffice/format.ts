/** Dates as Vietnamese back-offices print them: local time (UTC+7), `dd/MM/yyyy HH:mm`. */
const VN_OFFSET = 7 * 3600_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function local(at: Date | string): Date {
  return new Date(new Date(at).getTime() + VN_OFFSET);
}

export function formatDateTime(at: Date | string | null | undefined): string {
  if (!at) return '';
  const d = local(at);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function formatDate(at: Date | string | null | undefined): string {
  return formatDateTime(at).slice(0, 10);
}

/** `yyMMdd` of the local day, the middle part of a dossier code. */
export function codeDay(at: Date | string): string {
  const d = local(at);
  return `${pad(d.getUTCFullYear() % 100)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}

/** Reads `dd/MM/yyyy HH:mm` (local time) or an ISO instant; null when it is neither. */
export function parseDateTime(text: string): Date | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?\s*$/.exec(text);
  if (m) {
    const [dd, mm, yyyy, hh, mi] = [m[1], m[2], m[3], m[4] ?? '17', m[5] ?? '00'].map(Number) as number[];
    const ms = Date.UTC(yyyy!, mm! - 1, dd!, hh! - 7, mi!);
    const check = local(new Date(ms));
    if (check.getUTCDate() !== dd || check.getUTCMonth() !== mm! - 1) return null;
    return new Date(ms);
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(text)) {
    const d = new Date(text);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

export function formatMoney(dong: number): string {
  return dong === 0 ? 'Miễn phí' : `${String(dong).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;
}

/** "2 ngày 3 giờ" from working seconds, as lateness is shown on lists. */
export function formatWorkingDuration(seconds: number): string {
  const hours = Math.floor(Math.abs(seconds) / 3600);
  const days = Math.floor(hours / 8);
  const rest = hours % 8;
  if (days === 0) return rest === 0 ? 'dưới 1 giờ' : `${rest} giờ`;
  return rest === 0 ? `${days} ngày` : `${days} ngày ${rest} giờ`;
}
