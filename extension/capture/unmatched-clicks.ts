import { ACTION_KINDS, ACTION_LABELS_VI, type ActionKind } from '../../shared/schemas/dossier-code.ts';
import { normalizeText } from '../profiles/read-field.ts';

const CLICKABLE = 'button, a, input[type=submit], input[type=button], [role=button]';
/** Where a confirm control lives: a dialog, an overlay, a form. */
const CONTAINER = 'dialog, [role=dialog], [role=alertdialog], .modal, .cdk-overlay-container, .mat-dialog-container, .ant-modal, form';
const CONFIRM_WORDS = new Set(['đồng ý', 'xác nhận', 'lưu', 'gửi', 'ok', 'chuyển', 'duyệt', 'ký duyệt', 'thực hiện', 'hoàn thành']);
const LABEL_TO_KIND = new Map<string, ActionKind>(ACTION_KINDS.map((k) => [ACTION_LABELS_VI[k].toLocaleLowerCase('vi'), k]));
/** Long enough for a page to close its dialog or re-render its row after a confirmed action. */
export const SETTLE_MS = 1500;

/** What kind of control a click hit, when it looks like one that performs an action: its kind, or `confirm`. */
export function likelyActionControl(target: Element): { element: Element; kind: ActionKind | 'confirm' } | null {
  let el: Element | null;
  try {
    el = target.closest(CLICKABLE);
  } catch {
    return null;
  }
  if (!el) return null;
  const raw = el.tagName === 'INPUT' ? ((el as HTMLInputElement).value ?? '') : (el.textContent ?? '');
  // Icon fonts put their ligature name in the text ("check Đồng ý"): the words after it decide.
  const label = normalizeText(raw).toLocaleLowerCase('vi');
  for (const [text, kind] of LABEL_TO_KIND) if (label === text || label.endsWith(` ${text}`)) return { element: el, kind };
  const last = [...CONFIRM_WORDS].find((w) => label === w || label.endsWith(` ${w}`));
  if (last && el.closest(CONTAINER)) return { element: el, kind: 'confirm' };
  return null;
}

/**
 * Silence reported: a click on a control that looks like it performs an action (an action's
 * label, or a confirm button in a dialog) that matched no action rule, after which the control
 * went away (its dialog closed, its row re-rendered) without any action being recorded. A
 * button that only opens a dialog stays on the page and is not reported.
 */
export function createUnmatchedClicks(deps: {
  report: (kind: ActionKind | 'confirm') => void;
  now: () => number;
  later?: (fn: () => void, ms: number) => void;
}) {
  const later = deps.later ?? ((fn, ms) => void setTimeout(fn, ms));
  let lastActionAt = -Infinity;
  return {
    /** Every click the watcher sees, with whether a rule matched it. */
    click(target: Element, matched: boolean) {
      if (matched) return;
      const hit = likelyActionControl(target);
      if (!hit) return;
      const at = deps.now();
      later(() => {
        if (lastActionAt >= at) return;
        if (hit.element.isConnected && (hit.element as HTMLElement).offsetParent !== null) return;
        deps.report(hit.kind);
      }, SETTLE_MS);
    },
    actionRecorded() {
      lastActionAt = deps.now();
    },
  };
}
