import type { FieldRule } from '../../shared/schemas/profile.ts';

export function normalizeText(s: string): string {
  return s.normalize('NFC').replace(/\s+/g, ' ').trim();
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

/**
 * Reads one value: selectors are fallbacks tried in order; the first element found gives its
 * attribute, form value or text, then the optional regex capture. When the regex does not match
 * that element, the next selector is tried.
 */
export function readField(root: ParentNode, rule: FieldRule): string | null {
  let re: RegExp | null = null;
  try {
    re = rule.pattern ? new RegExp(rule.pattern, 'u') : null;
  } catch {
    return null;
  }
  for (const sel of rule.selectors) {
    let el: Element | null;
    try {
      el = root.querySelector(sel);
    } catch {
      continue;
    }
    if (!el) continue;
    const raw = valueOf(el, rule.attr);
    if (raw == null) continue;
    const text = normalizeText(raw);
    if (!re) {
      if (text) return text;
      continue;
    }
    const m = re.exec(text);
    if (m) return normalizeText(m[1] ?? m[0]) || null;
  }
  return null;
}
