import type { PageRule, SiteProfile } from '../../shared/schemas/profile.ts';
import type { DossierFields } from '../../shared/schemas/events.ts';
import { findFirst, normalizeText, readField } from './read-field.ts';
import { readGeneric } from './read-generic.ts';
import { asCode, readRow, toFields, type RowRead } from './read-rows.ts';

export const GENERIC_ID = 'generic';

/**
 * `codeElement`: the element the code was read from, where the badge goes (absent for the generic
 * reader). A watched list's rows past the first 500 carry only status and step in `fields` until
 * their other fields are needed (see capture/row-tracker.ts); `readPage` always reads every field.
 */
export type ReadRow = { dossierCode: string; fields: DossierFields; element: Element; codeElement?: Element | null };
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

let lastUrl = '';
let lastTarget = '';
/** Path, query and hash: what page rules are tested against (the last URL's is kept; it is asked for on every scan). */
function targetOf(url: string): string {
  if (url !== lastUrl) {
    const u = new URL(url);
    lastTarget = u.pathname + u.search + u.hash;
    lastUrl = url;
  }
  return lastTarget;
}

const pathPatterns = new Map<string, RegExp | null>();
function pathPattern(pattern: string): RegExp | null {
  let re = pathPatterns.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern);
    } catch {
      re = null;
    }
    pathPatterns.set(pattern, re);
  }
  return re;
}

export function pageRuleFor(profile: SiteProfile, url: string): PageRule | null {
  const target = targetOf(url);
  return profile.pages.find((p) => pathPattern(p.path)?.test(target) ?? false) ?? null;
}

/** Reads only the whitelisted fields; anything that does not have the expected shape is dropped. */
export function readFields(root: ParentNode, rule: PageRule, dateFormat: string): DossierFields {
  const f = rule.fields ?? {};
  const read = (r: (typeof f)[keyof typeof f]) => (r ? readField(root, r) : null);
  return toFields(
    read(f.procedureCode),
    read(f.status),
    read(f.step),
    read(f.appointmentAt),
    f.appointmentAt?.dateFormat ?? dateFormat,
    read(f.handler),
  );
}

/** Everything but a list's rows: the page kind, whether it is ready, the user, a detail page's dossier. */
export function readPageHead(doc: Document, url: string, profile: SiteProfile, rule: PageRule | null): PageReading {
  const reading: PageReading = { pageKind: null, notReady: false, user: null, dossier: null, rows: [], misses: [] };
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
      const fromUrl = pathPattern(rule.path)?.exec(targetOf(url))?.[1];
      code = asCode(fromUrl ? decodeURIComponent(fromUrl) : null);
    }
    if (code) reading.dossier = { dossierCode: code, fields: readFields(doc, rule, profile.dateFormat) };
    else reading.misses.push('code');
  }
  return reading;
}

/**
 * A list rule's row elements: the first of its selectors that finds any, with that selector. The
 * list is the browser's own (a static NodeList): a long list's elements are only touched when read.
 */
export function listRowElements(doc: Document, rule: PageRule): { selector: string | null; elements: ArrayLike<Element> } {
  for (const sel of rule.rows?.selectors ?? []) {
    let found: ArrayLike<Element>;
    try {
      found = doc.querySelectorAll(sel);
    } catch {
      found = [];
    }
    if (found.length) return { selector: sel, elements: found };
  }
  return { selector: null, elements: [] };
}

/** The rows that show a code, in page order, each code once (the first row showing it). */
export function distinctRows(elements: readonly Element[], reads: readonly (RowRead | null | undefined)[]): ReadRow[] {
  const seen = new Set<string>();
  const rows: ReadRow[] = [];
  for (let i = 0; i < elements.length; i++) {
    const r = reads[i];
    if (!r?.dossierCode || seen.has(r.dossierCode)) continue;
    seen.add(r.dossierCode);
    rows.push({ dossierCode: r.dossierCode, fields: r.fields, element: elements[i]!, codeElement: r.codeElement });
  }
  return rows;
}

export function readPage(doc: Document, url: string, profile: SiteProfile): PageReading {
  if (profile.id === GENERIC_ID) return readGeneric(doc);
  const rule = pageRuleFor(profile, url);
  const reading = readPageHead(doc, url, profile, rule);
  if (!rule || reading.notReady || rule.kind !== 'list' || !rule.rows || !rule.code) return reading;
  const elements = Array.from(listRowElements(doc, rule).elements);
  reading.rows = distinctRows(
    elements,
    elements.map((el) => readRow(el, rule, profile.dateFormat)),
  );
  if (elements.length > 0 && reading.rows.length === 0) reading.misses.push('code');
  return reading;
}

export { normalizeText };
