import type { FieldRule } from '../../shared/schemas/profile.ts';
import type { PageObservation } from '../messaging/protocol.ts';
import { normalizeText, readField } from '../profiles/read-field.ts';

type ActionObservation = Extract<PageObservation, { kind: 'action' }>;

/** A confirm control that fires twice (a double click, a form posted again) does so within this. */
export const REPEAT_MS = 5_000;
/** How long after a click a dialog it opened may take to appear (frameworks render on the next frame). */
export const DIALOG_WAIT_MS = 200;

const DIALOGS = 'dialog[open], [role="dialog"], [role="alertdialog"], [aria-modal="true"], .modal.show, .modal.in, .ant-modal-wrap';
const CONTROL = 'button, input[type=submit], input[type=button], a, [role=button]';
const CONFIRM_WORDS = /^(đồng ý|xác nhận|ok|lưu|ghi lại|gửi|chuyển|duyệt|ký|có|thực hiện|yes|confirm|save|submit|send|apply)/u;
const CANCEL_WORDS = /^(hủy|huỷ|đóng|không|thoát|quay lại|cancel|close|no|back)/u;

function closestSafe(el: Element, selector: string): Element | null {
  try {
    return el.closest(selector);
  } catch {
    return null;
  }
}

function openDialogs(doc: Document, win: Window): Element[] {
  return Array.from(doc.querySelectorAll(DIALOGS)).filter((d) => shown(d, win));
}

/** Present and not hidden (by attribute or, where the browser tells, by style). */
function shown(el: Element, win: Window): boolean {
  if (!el.isConnected || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return false;
  if (el.tagName.toLowerCase() === 'dialog') return el.hasAttribute('open');
  const style = typeof win.getComputedStyle === 'function' ? win.getComputedStyle(el) : null;
  return !style || (style.display !== 'none' && style.visibility !== 'hidden');
}

/** Controls that neither navigate nor submit a form: the kind that opens a dialog. */
function mayOpenDialog(el: Element): boolean {
  const tag = el.tagName.toLowerCase();
  if (tag === 'a') {
    const href = el.getAttribute('href') ?? '';
    return !href || href.startsWith('#') || /^javascript:/i.test(href);
  }
  if (tag === 'button') return (el.getAttribute('type') ?? 'submit').toLowerCase() !== 'submit' || !closestSafe(el, 'form');
  if (tag === 'input') return (el.getAttribute('type') ?? '').toLowerCase() === 'button';
  return true;
}

const labelOf = (el: Element) =>
  normalizeText(el.tagName.toLowerCase() === 'input' ? ((el as HTMLInputElement).value ?? '') : (el.textContent ?? '')).toLocaleLowerCase(
    'vi',
  );

/** A click inside a dialog: `confirm` (submit control, primary button, an OK word), `cancel`, or neither. */
function clickMeaning(target: Element): 'confirm' | 'cancel' | null {
  const c = closestSafe(target, CONTROL);
  if (!c) return null;
  const label = labelOf(c);
  const cls = (c.getAttribute('class') ?? '').toLowerCase();
  if (CANCEL_WORDS.test(label) || /\b(close|cancel)\b/.test(cls)) return 'cancel';
  const type = (c.getAttribute('type') ?? '').toLowerCase();
  const submits =
    (c.tagName.toLowerCase() === 'button' && type !== 'button' && type !== 'reset' && !!closestSafe(c, 'form')) || type === 'submit';
  if (submits || /primary|\bok\b|confirm/.test(cls) || CONFIRM_WORDS.test(label)) return 'confirm';
  return null;
}

/**
 * Decides when a matched action is recorded. A click on a control that opens a dialog is an
 * intention, not an action: it is held until the dialog is confirmed (with the receiver read from
 * the dialog) and dropped when the dialog is cancelled or closes. The same action on the same
 * dossier again within REPEAT_MS, with no other action between, is the page firing twice and is
 * recorded once.
 */
export function createActionGate(deps: { win: Window; now: () => number; record: (o: ActionObservation) => void }) {
  const { win } = deps;
  const doc = win.document;
  let last: ActionObservation | null = null;
  /** A click that may have opened a dialog, not decided yet. */
  let undecided: {
    obs: ActionObservation;
    toAccount: FieldRule | undefined;
    before: Element[];
    timer: ReturnType<typeof setTimeout>;
  } | null = null;
  /** An action waiting for its dialog's confirmation. */
  let pending: { obs: ActionObservation; toAccount: FieldRule | undefined; dialog: Element } | null = null;

  function emit(obs: ActionObservation) {
    const repeat =
      last !== null &&
      last.dossierCode === obs.dossierCode &&
      last.action === obs.action &&
      (last.toAccount ?? null) === (obs.toAccount ?? null) &&
      obs.at - last.at <= REPEAT_MS;
    last = obs;
    if (!repeat) deps.record(obs);
  }

  function decide() {
    if (!undecided) return;
    const u = undecided;
    undecided = null;
    clearTimeout(u.timer);
    const opened = openDialogs(doc, win).find((d) => !u.before.includes(d));
    if (opened) pending = { obs: u.obs, toAccount: u.toAccount, dialog: opened };
    else emit(u.obs);
  }

  function confirmPending() {
    const p = pending!;
    pending = null;
    const toAccount = p.obs.toAccount ?? (p.toAccount ? readField(p.dialog, p.toAccount) : null);
    emit({ ...p.obs, at: deps.now(), toAccount });
  }

  return {
    /** A click or submission that matched an action rule. */
    matched(type: 'click' | 'submit', el: Element, obs: ActionObservation, toAccount: FieldRule | undefined) {
      decide();
      const inDialog = openDialogs(doc, win).some((d) => d.contains(el));
      if (pending && pending.dialog.contains(el)) pending = null; // the confirmation has a rule of its own
      if (type === 'click' && !inDialog && mayOpenDialog(el)) {
        undecided = { obs, toAccount, before: openDialogs(doc, win), timer: setTimeout(decide, DIALOG_WAIT_MS) };
        return;
      }
      emit(obs);
    },
    /** Any other click or submission: it may confirm or cancel a held action's dialog. */
    other(type: 'click' | 'submit', target: Element) {
      decide();
      if (!pending || !pending.dialog.contains(target)) return;
      const meaning = type === 'submit' ? 'confirm' : clickMeaning(target);
      if (meaning === 'confirm') confirmPending();
      else if (meaning === 'cancel') pending = null;
    },
    /** Whether the element is inside a dialog shown now. */
    inDialog(el: Element): boolean {
      return openDialogs(doc, win).some((d) => d.contains(el));
    },
    /** The page changed: a held action whose dialog closed without confirmation is dropped. */
    check() {
      if (pending && !shown(pending.dialog, win)) pending = null;
    },
    /** The page goes away: a click still undecided is recorded (it navigated), a held one is not. */
    flush() {
      if (undecided) {
        const u = undecided;
        undecided = null;
        clearTimeout(u.timer);
        emit(u.obs);
      }
      pending = null;
    },
  };
}
