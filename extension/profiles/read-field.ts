import type { FieldRule } from '../../shared/schemas/profile.ts';
import { boundedMemo } from './memo.ts';

const normalized = boundedMemo<string>(4000);

/** Printable ASCII with single spaces only between words: already normalized (codes, dates, numbers). */
function isPlain(s: string): boolean {
  let space = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (space) return false;
      space = true;
    } else if (c < 33 || c > 126) return false;
    else space = false;
  }
  return !space || s.length === 0;
}

/** NFC, runs of white space as one space, trimmed. Lists repeat the same texts row after row, so results are remembered. */
export function normalizeText(s: string): string {
  if (isPlain(s)) return s;
  if (s.length > 200) return s.normalize('NFC').replace(/\s+/g, ' ').trim();
  let out = normalized.get(s);
  if (out === undefined) normalized.set(s, (out = s.normalize('NFC').replace(/\s+/g, ' ').trim()));
  return out;
}

const patterns = new Map<string, RegExp | null>();

/** A field's pattern, compiled once per profile text; null when it is not a valid regular expression. */
export function fieldPattern(pattern: string): RegExp | null {
  let re = patterns.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = null;
    }
    patterns.set(pattern, re);
  }
  return re;
}

/** The first element any of the rule's selectors finds; an invalid selector counts as a miss. */
export function findFirst(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const sel of selectors) {
    try {
      const el = root.querySelector(sel);
      if (el) return el;
    } catch {
      // A malformed selector in an admin's profile must not stop the others from being tried.
    }
  }
  return null;
}

function valueOf(el: Element, attr: string | undefined): string | null {
  if (attr === 'value' && 'value' in el) return String((el as HTMLInputElement).value);
  if (attr) return el.getAttribute(attr);
  return el.textContent;
}

/** The element's text without the descendants `ignore` names (icon fonts put their ligature name in the text). */
export function textWithout(el: Element, ignore: readonly string[]): string {
  const copy = el.cloneNode(true) as Element;
  for (const sel of ignore) {
    try {
      for (const d of Array.from(copy.querySelectorAll(sel))) d.remove();
    } catch {
      // A malformed selector ignores nothing.
    }
  }
  return copy.textContent ?? '';
}

/** What one selector's element gives: the value, `null` when the rule ends there empty, `undefined` to try the next selector. */
export function valueFrom(el: Element, rule: FieldRule, re: RegExp | null): string | null | undefined {
  const raw = rule.ignore?.length && !rule.attr ? textWithout(el, rule.ignore) : valueOf(el, rule.attr);
  if (raw == null) return undefined;
  const text = normalizeText(raw);
  if (!re) return text || undefined;
  const m = re.exec(text);
  if (m) return normalizeText(m[1] ?? m[0]) || null;
  return undefined;
}

/** The element the last `valueIn` value came from (null when none gave one). */
let found: Element | null = null;
export const lastFoundElement = (): Element | null => found;

/**
 * Reads one value with the rule's pattern already compiled (`re`): selectors are fallbacks tried
 * in order; the first element found gives its attribute, form value or text, then the optional
 * regex capture. When the regex does not match that element, the next selector is tried.
 */
export function valueIn(root: ParentNode, rule: FieldRule, re: RegExp | null): string | null {
  found = null;
  for (const sel of rule.selectors) {
    let el: Element | null;
    try {
      el = root.querySelector(sel);
    } catch {
      continue;
    }
    if (!el) continue;
    const value = valueFrom(el, rule, re);
    if (value !== undefined) {
      found = el;
      return value;
    }
  }
  return null;
}

/** Reads one value (see `valueIn`); a rule whose pattern is not a valid regular expression reads nothing. */
export function readField(root: ParentNode, rule: FieldRule): string | null {
  const re = rule.pattern ? fieldPattern(rule.pattern) : null;
  if (rule.pattern && !re) return null;
  return valueIn(root, rule, re);
}
