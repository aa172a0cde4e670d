import type { Lang } from '../i18n/i18n.tsx';
import { VIETNAM_OFFSET_MS } from '../../../../shared/calendar/civil-date.ts';

const pad = (n: number) => String(n).padStart(2, '0');
const toMs = (v: string | number) => (typeof v === 'number' ? v : Date.parse(v));

/** dd/MM/yyyy HH:mm (24-hour) in Vietnam's time. */
export function formatDateTime(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  // Asia/Ho_Chi_Minh has no daylight saving: a fixed offset shows Vietnamese time in any browser.
  const d = new Date(toMs(v) + VIETNAM_OFFSET_MS);
  if (Number.isNaN(d.getTime())) return '—';
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function formatDate(v: string | number | null | undefined): string {
  const s = formatDateTime(v);
  return s === '—' ? s : s.slice(0, 10);
}

/** `2025-11-28` (a local day as the API writes it) → `28/11/2025`. */
export function dayToDisplay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

/** `28/11/2025` → `2025-11-28`, or null when it is not a real day. */
export function displayToDay(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const day = `${m[3]}-${pad(Number(m[2]))}-${pad(Number(m[1]))}`;
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day ? day : null;
}

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');

export function formatNumber(n: number | null | undefined, lang: Lang, digits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(n);
}

export function formatHours(h: number | null | undefined, lang: Lang): string {
  return formatNumber(h, lang, 1);
}

/** A share 0..1 as a percentage with one decimal. */
export function formatShare(share: number | null | undefined, lang: Lang): string {
  if (share === null || share === undefined) return '—';
  return `${formatNumber(share * 100, lang, 1)} %`;
}

/**
 * A change against the previous period with an explicit sign and arrow, so it reads without
 * colour. `points` marks a difference of shares, shown in percentage points.
 */
export function formatDelta(now: number | null | undefined, before: number | null | undefined, lang: Lang, kind: 'count' | 'hours' | 'points'): string | null {
  if (now === null || now === undefined || before === null || before === undefined) return null;
  // Nothing in either period is not a change worth a line.
  if (now === 0 && before === 0) return null;
  const d = kind === 'points' ? (now - before) * 100 : now - before;
  if (Math.abs(d) < (kind === 'count' ? 0.5 : 0.05)) return '= 0';
  const sign = d > 0 ? '▲ +' : '▼ −';
  const body = formatNumber(Math.abs(d), lang, kind === 'count' ? 0 : 1);
  return `${sign}${body}${kind === 'points' ? (lang === 'vi' ? ' điểm %' : ' pp') : ''}`;
}
