/**
 * The one way numbers, durations and dates are written on every screen (extension and dashboard):
 * Vietnamese first (vi-VN: "7,6", "1.234"), English on switch (en-GB: "7.6", "1,234"); dates
 * dd/MM/yyyy and 24-hour times in Vietnam's time whatever the browser's own zone.
 */
import { VIETNAM_OFFSET_MS } from '../calendar/civil-date.ts';

export type Lang = 'vi' | 'en';

const pad = (n: number) => String(n).padStart(2, '0');
const toMs = (v: string | number) => (typeof v === 'number' ? v : Date.parse(v));
const NONE = '—';

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, digits: number, minDigits: number): Intl.NumberFormat {
  const key = `${lang}${digits}${minDigits}`;
  let f = numberFormats.get(key);
  if (!f)
    numberFormats.set(
      key,
      (f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: minDigits })),
    );
  return f;
}

/** dd/MM/yyyy HH:mm (24-hour) in Vietnam's time; "—" for nothing. */
export function formatDateTime(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return NONE;
  // Asia/Ho_Chi_Minh has no daylight saving: a fixed +7 h shows Vietnamese time in any browser.
  const d = new Date(toMs(v) + VIETNAM_OFFSET_MS);
  if (Number.isNaN(d.getTime())) return NONE;
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function formatDate(v: string | number | null | undefined): string {
  const s = formatDateTime(v);
  return s === NONE ? s : s.slice(0, 10);
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

/** Up to `digits` decimals, in the language's own separators. */
export function formatNumber(n: number | null | undefined, lang: Lang = 'vi', digits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return NONE;
  return numberFormat(lang, digits, 0).format(n);
}

/** Hours with one decimal, always shown ("7,6", "0,0"), so columns of hours read alike. */
export function formatHours(h: number | null | undefined, lang: Lang = 'vi'): string {
  if (h === null || h === undefined || Number.isNaN(h)) return NONE;
  return numberFormat(lang, 1, 1).format(h);
}

/** "7,6 giờ làm việc" / "7.6 working hours": hours counted on the working-time calendar. */
export function formatWorkingHours(h: number | null | undefined, lang: Lang = 'vi'): string {
  return `${formatHours(h, lang)} ${lang === 'vi' ? 'giờ làm việc' : 'working hours'}`;
}

/** "0,4 giờ thao tác" / "0.4 active hours": time the dossier's page was open, visible and in use. */
export function formatActiveHours(h: number | null | undefined, lang: Lang = 'vi'): string {
  return `${formatHours(h, lang)} ${lang === 'vi' ? 'giờ thao tác' : 'active hours'}`;
}

/** A share 0..1 as a percentage with one decimal. */
export function formatShare(share: number | null | undefined, lang: Lang = 'vi'): string {
  if (share === null || share === undefined) return NONE;
  return `${formatNumber(share * 100, lang, 1)} %`;
}

/**
 * A change against another period with an explicit sign and arrow, so it reads without colour.
 * `points` marks a difference of shares, in percentage points.
 */
export function formatDelta(
  now: number | null | undefined,
  before: number | null | undefined,
  lang: Lang,
  kind: 'count' | 'hours' | 'points',
): string | null {
  if (now === null || now === undefined || before === null || before === undefined) return null;
  // Nothing in either period is not a change worth a line.
  if (now === 0 && before === 0) return null;
  const d = kind === 'points' ? (now - before) * 100 : now - before;
  if (Math.abs(d) < (kind === 'count' ? 0.5 : 0.05)) return '= 0';
  const sign = d > 0 ? '▲ +' : '▼ −';
  const body = formatNumber(Math.abs(d), lang, kind === 'count' ? 0 : 1);
  return `${sign}${body}${kind === 'points' ? (lang === 'vi' ? ' điểm %' : ' pp') : ''}`;
}

/** "2 giờ 05 phút" / "45 giây": short enough for a badge or a popup row. */
export function formatDuration(seconds: number, lang: Lang = 'vi'): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (lang === 'en') return h ? `${h} h ${pad(m)} min` : m ? `${m} min` : `${s} s`;
  return h ? `${h} giờ ${pad(m)} phút` : m ? `${m} phút` : `${s} giây`;
}
