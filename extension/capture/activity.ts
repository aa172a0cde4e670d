/**
 * Decides whether the official is working on the page right now: the tab is visible, the window
 * focused, and there was input recently. The browser-wide `idle` state is checked by the
 * background; this covers the page itself.
 */
export const IDLE_AFTER_MS = 120_000;
const INPUT_EVENTS = ['pointermove', 'pointerdown', 'keydown', 'wheel', 'scroll', 'touchstart', 'input'] as const;

export function createActivityTracker(win: Window, opts: { now?: () => number; idleAfterMs?: number } = {}) {
  const now = opts.now ?? Date.now;
  const idleAfter = opts.idleAfterMs ?? IDLE_AFTER_MS;
  let lastInput = now();
  const onInput = () => {
    lastInput = now();
  };
  for (const e of INPUT_EVENTS) win.addEventListener(e, onInput, { capture: true, passive: true });
  // Opening or focusing a page is itself a sign of attention.
  win.addEventListener('focus', onInput, true);
  return {
    isActive(): boolean {
      const doc = win.document;
      return doc.visibilityState === 'visible' && doc.hasFocus() && now() - lastInput < idleAfter;
    },
    noteInput: onInput,
    dispose() {
      for (const e of INPUT_EVENTS) win.removeEventListener(e, onInput, true);
      win.removeEventListener('focus', onInput, true);
    },
  };
}
