import { VIETNAM_OFFSET_MS } from '../../shared/calendar/civil-date.ts';

const TOKEN = /dd|MM|yyyy|HH|mm|ss/g;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const compiled = new Map<string, { re: RegExp; tokens: string[] }>();

function compile(format: string) {
  let hit = compiled.get(format);
  if (hit) return hit;
  const tokens: string[] = [];
  let pattern = '';
  let last = 0;
  for (const m of format.matchAll(TOKEN)) {
    pattern += escapeRe(format.slice(last, m.index)) + (m[0] === 'yyyy' ? '(\\d{4})' : '(\\d{1,2})');
    tokens.push(m[0]);
    last = m.index + m[0].length;
  }
  pattern += escapeRe(format.slice(last));
  hit = { re: new RegExp(pattern), tokens };
  compiled.set(format, hit);
  return hit;
}

/**
 * Back-office dates are local times in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). Reads a
 * date written in `format` (tokens dd, MM, yyyy, HH, mm, ss) anywhere in `text`; an ISO instant.
 */
export function parseLocalDate(text: string, format: string): string | null {
  const { re, tokens } = compile(format);
  const m = re.exec(text);
  if (!m) return null;
  const part: Record<string, number> = { dd: 1, MM: 1, yyyy: 1970, HH: 0, mm: 0, ss: 0 };
  tokens.forEach((t, i) => (part[t] = Number(m[i + 1])));
  const { dd, MM, yyyy, HH, mm, ss } = part as Record<'dd' | 'MM' | 'yyyy' | 'HH' | 'mm' | 'ss', number>;
  if (MM < 1 || MM > 12 || dd < 1 || dd > 31 || HH > 23 || mm > 59 || ss > 59) return null;
  const ms = Date.UTC(yyyy, MM - 1, dd, HH, mm, ss) - VIETNAM_OFFSET_MS;
  const local = new Date(ms + VIETNAM_OFFSET_MS);
  if (local.getUTCDate() !== dd || local.getUTCMonth() !== MM - 1) return null;
  return new Date(ms).toISOString();
}
