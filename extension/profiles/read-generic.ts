import { DOSSIER_CODE_PATTERN } from '../../shared/schemas/dossier-code.ts';
import { findFirst } from './read-field.ts';
import type { PageReading } from './read-page.ts';

const CODE_G = new RegExp(DOSSIER_CODE_PATTERN, 'g');
const MAX_TEXT = 400_000;
const HEADINGS = ['h1', 'h2', 'h3', '[class*="ma-ho-so"]', '[id*="maHoSo"]', 'title'];

/**
 * With no profile for a site, the national code shape alone decides: a page showing one code
 * (or a heading naming one) is that dossier's page; a page with a code in each of several table
 * rows is a list. Nothing else is read: no fields, no user.
 */
export function readGeneric(doc: Document): PageReading {
  const reading: PageReading = { pageKind: null, notReady: false, user: null, dossier: null, rows: [], misses: [] };
  const text = (doc.body?.textContent ?? '').slice(0, MAX_TEXT);
  const codes = [...new Set(text.match(CODE_G) ?? [])];
  if (codes.length === 0) return reading;
  const heading = findFirst(doc, HEADINGS)?.textContent?.match(CODE_G)?.[0] ?? null;
  if (codes.length === 1 || heading) {
    reading.pageKind = 'detail';
    reading.dossier = { dossierCode: heading ?? codes[0]!, fields: {} };
    return reading;
  }
  reading.pageKind = 'list';
  const seen = new Set<string>();
  for (const row of doc.querySelectorAll('tr, li')) {
    const code = row.textContent?.match(CODE_G);
    if (!code || code.length !== 1 || seen.has(code[0]!)) continue;
    seen.add(code[0]!);
    reading.rows.push({ dossierCode: code[0]!, fields: {}, element: row });
  }
  return reading;
}
