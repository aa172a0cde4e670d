import type { ActionKind } from '../../shared/schemas/dossier.ts';
import type { FieldRule, SiteProfile } from '../../shared/schemas/profile.ts';
import { normalizeText, readField } from './read-field.ts';

const CLICKABLE = 'button, a, input[type=submit], input[type=button], [role=button]';

/** `toAccountRule`: where the receiver is read, again from a dialog confirmed later (capture/action-gate.ts). */
export type MatchedAction = { kind: ActionKind; toAccount: string | null; element: Element; toAccountRule?: FieldRule };

function labelOf(el: Element): string {
  const value = el instanceof HTMLInputElement ? el.value : (el.textContent ?? '');
  return normalizeText(value).toLocaleLowerCase('vi');
}

function closestSafe(el: Element, selector: string): Element | null {
  try {
    return el.closest(selector);
  } catch {
    return null;
  }
}

/**
 * Which action rule a click or a form submission matches. Rules should point at the confirm
 * control (the dialog's OK, the action form); a rule on a control that opens a dialog is held
 * until the dialog is confirmed (capture/action-gate.ts), so a cancelled dialog records nothing.
 */
export function matchAction(profile: SiteProfile, type: 'click' | 'submit', target: Element, doc: Document): MatchedAction | null {
  const el = type === 'click' ? (closestSafe(target, CLICKABLE) ?? target) : target;
  for (const rule of profile.actions) {
    if (rule.on !== type) continue;
    if (rule.selector && !closestSafe(el, rule.selector)) continue;
    if (rule.text && rule.text.length) {
      const label = labelOf(el);
      if (!rule.text.some((t) => normalizeText(t).toLocaleLowerCase('vi') === label)) continue;
    }
    const scope: ParentNode = type === 'submit' ? (el as HTMLFormElement) : doc;
    const toAccount = rule.toAccount ? (readField(scope, rule.toAccount) ?? readField(doc, rule.toAccount)) : null;
    return { kind: rule.kind, toAccount, element: el, ...(rule.toAccount ? { toAccountRule: rule.toAccount } : {}) };
  }
  return null;
}
