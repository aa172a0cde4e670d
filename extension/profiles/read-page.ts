import type { PageRule, SiteProfile } from '../../shared/schemas/profile.ts';
import type { DossierFields } from '../../shared/schemas/events.ts';
import { DOSSIER_CODE_PATTERN, DOSSIER_CODE_RE, PROCEDURE_CODE_RE } from '../../shared/schemas/dossier-code.ts';
import { findFirst, normalizeText, readField } from './read-field.ts';
import { parseLocalDate } from './parse-date.ts';
import { readGeneric } from './read-generic.ts';

export const GENERIC_ID = 'generic';

export type ReadRow = { dossierCode: string; fields: DossierFields; element: Element };
export type PageReading = {
  pageKind: 'list' | 'detail' | null;
  /** The page's `ready` element is not there yet: read again later, report nothing missing. */
  notReady: boolean;
  user: string | null;
  dossier: { dossierCode: string; fields: DossierFields } | null;
  rows: ReadRow[];
  /** Anchors the profile promises but the page lacks: a sign the back-office changed. */
  misses: string[];
};

const CODE_IN_TEXT = new RegExp(DOSSIER_CODE_PATTERN);

export function pageRuleFor(profile: SiteProfile, url: string): PageRule | null {
  const u = new URL(url);
  const target = u.pathname + u.search + u.hash;
  return profile.pages.find((p) => safeTest(p.path, target)) ?? null;
}

function safeTest(pattern: string, s: string): boolean {
  try {
    return new RegExp(pattern).test(s);
  } catch {
    return false;
  }
}

function asCode(text: string | null): string | null {
  if (!text) return null;
  if (DOSSIER_CODE_RE.test(text)) return text;
  return CODE_IN_TEXT.exec(text)?.[0] ?? null;
}

/** Reads only the whitelisted fields; anything that does not have the expected shape is dropped. */
export function readFields(root: ParentNode, rule: PageRule, dateFormat: string): DossierFields {
  const f = rule.fields ?? {};
  const out: DossierFields = {};
  const procedure = f.procedureCode ? readField(root, f.procedureCode) : null;
  if (procedure && PROCEDURE_CODE_RE.test(procedure)) out.procedureCode = procedure;
  const status = f.status ? readField(root, f.status) : null;
  if (status) out.status = status.slice(0, 200);
  const step = f.step ? readField(root, f.step) : null;
  if (step) out.step = step.slice(0, 200);
  const appointment = f.appointmentAt ? readField(root, f.appointmentAt) : null;
  const iso = appointment ? parseLocalDate(appointment, dateFormat) : null;
  if (iso) out.appointmentAt = iso;
  return out;
}

export function readPage(doc: Document, url: string, profile: SiteProfile): PageReading {
  if (profile.id === GENERIC_ID) return readGeneric(doc);
  const reading: PageReading = { pageKind: null, notReady: false, user: null, dossier: null, rows: [], misses: [] };
  const rule = pageRuleFor(profile, url);
  if (!rule) return reading;
  reading.pageKind = rule.kind;
  if (rule.ready && !findFirst(doc, [rule.ready])) {
    reading.notReady = true;
    return reading;
  }
  if (profile.user) {
    reading.user = readField(doc, profile.user);
    if (!reading.user) reading.misses.push('user');
  }
  if (rule.kind === 'detail') {
    let code = rule.code ? asCode(readField(doc, rule.code)) : null;
    if (!code) {
      const fromUrl = new RegExp(rule.path).exec(new URL(url).pathname + new URL(url).search + new URL(url).hash)?.[1];
      code = asCode(fromUrl ? decodeURIComponent(fromUrl) : null);
    }
    if (code) reading.dossier = { dossierCode: code, fields: readFields(doc, rule, profile.dateFormat) };
    else reading.misses.push('code');
    return reading;
  }
  if (!rule.rows || !rule.code) return reading;
  const seen = new Set<string>();
  let rowElements: Element[] = [];
  for (const sel of rule.rows.selectors) {
    try {
      rowElements = [...doc.querySelectorAll(sel)];
    } catch {
      rowElements = [];
    }
    if (rowElements.length) break;
  }
  for (const el of rowElements) {
    const code = asCode(readField(el, rule.code));
    if (!code || seen.has(code)) continue;
    seen.add(code);
    reading.rows.push({ dossierCode: code, fields: readFields(el, rule, profile.dateFormat), element: el });
  }
  if (rowElements.length > 0 && reading.rows.length === 0) reading.misses.push('code');
  return reading;
}

export { normalizeText };
