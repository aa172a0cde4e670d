import type { ActionKind } from '../../shared/schemas/dossier.ts';
import type { ActionRule, FieldRule, SiteProfile } from '../../shared/schemas/profile.ts';
import { DEFAULT_DIALOG } from '../../shared/schemas/profile-dialog.ts';
import { normalizeText, readField, textWithout } from './read-field.ts';

const CLICKABLE = 'button, a, input[type=submit], input[type=button], [role=button]';

/** `toAccountRule`: where the receiver is read, again from a dialog confirmed later (capture/action-gate.ts). */
export type MatchedAction = { kind: ActionKind; toAccount: string | null; element: Element; toAccountRule?: FieldRule };

function labelOf(el: Element, ignore?: readonly string[]): string {
  const value = el.tagName === 'INPUT' ? (el as HTMLInputElement).value : ignore?.length ? textWithout(el, ignore) : (el.textContent ?? '');
  return normalizeText(value).toLocaleLowerCase('vi');
}

function closestSafe(el: Element, selector: string): Element | null {
  try {
    return el.closest(selector);
  } catch {
    return null;
  }
}

const TITLE = '[mat-dialog-title], .mat-dialog-title, .mat-mdc-dialog-title, .modal-title, .ant-modal-title, [role=heading], h1, h2, h3';
const lower = (s: string) => normalizeText(s).toLocaleLowerCase('vi');

/** The dialog a rule requires the control to be in, when its title or text says which action it confirms; undefined when the rule names no dialog. */
function dialogOf(rule: ActionRule, el: Element): Element | null | undefined {
  if (!rule.dialog) return undefined;
  const box = closestSafe(el, rule.dialog.selector || DEFAULT_DIALOG);
  if (!box) return null;
  if (rule.dialog.title?.length) {
    const title = lower(box.querySelector(TITLE)?.textContent ?? '');
    if (!rule.dialog.title.some((t) => title.includes(lower(t)))) return null;
  }
  if (rule.dialog.text?.length) {
    const text = lower(box.textContent ?? '');
    if (!rule.dialog.text.some((t) => text.includes(lower(t)))) return null;
  }
  return box;
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
      const label = labelOf(el, rule.ignore);
      if (!rule.text.some((t) => normalizeText(t).toLocaleLowerCase('vi') === label)) continue;
    }
    const box = dialogOf(rule, el);
    if (box === null) continue;
    // The receiver is read in what is being confirmed first: the form, else the dialog.
    const scope: ParentNode = type === 'submit' ? (el as HTMLFormElement) : (box ?? doc);
    const toAccount = rule.toAccount ? (readField(scope, rule.toAccount) ?? readField(doc, rule.toAccount)) : null;
    return { kind: rule.kind, toAccount, element: el, ...(rule.toAccount ? { toAccountRule: rule.toAccount } : {}) };
  }
  return null;
}
