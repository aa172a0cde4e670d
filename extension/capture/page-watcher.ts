import type { SiteProfile } from '../../shared/schemas/profile.ts';
import type { DossierFields } from '../../shared/schemas/events.ts';
import type { ContentMessage, PageObservation } from '../messaging/protocol.ts';
import { pageRuleFor, readPage, type PageReading } from '../profiles/read-page.ts';
import { matchAction } from '../profiles/match-action.ts';
import { createActivityTracker } from './activity.ts';

export const HEARTBEAT_MS = 5_000;
const LIST_MIN_INTERVAL_MS = 10_000;
const SCAN_DEBOUNCE_MS = 250;

export type WatcherState = { profile: SiteProfile | null; dossierCode: string | null; user: string | null; active: boolean; pageKind: string | null };

/**
 * Watches one document: which dossier it shows (by reading it, not by DOM markers, so re-renders
 * and route changes never open a dossier twice), whether the official is active on it, and which
 * actions they confirm (capture-phase listeners run before the page's own handlers).
 */
export function startPageWatcher(deps: {
  win: Window;
  profiles: SiteProfile[];
  generic: SiteProfile | null;
  send: (m: ContentMessage) => void;
  onState?: (s: WatcherState) => void;
  /** Every fresh reading of the page, for the overlay. */
  onReading?: (r: PageReading) => void;
  now?: () => number;
}) {
  const { win } = deps;
  const doc = win.document;
  const now = deps.now ?? Date.now;
  const tracker = createActivityTracker(win, { now });
  const state: WatcherState = { profile: null, dossierCode: null, user: null, active: false, pageKind: null };
  let fields: DossierFields = {};
  let reading: PageReading | null = null;
  let lastUrl = '';
  let lastBeat = 0;
  let listSignature = '';
  let listSentAt = -Infinity;
  const reportedMisses = new Set<string>();

  const ref = () => ({ id: state.profile!.id, version: state.profile!.version });
  const observe = (observation: PageObservation) => {
    if (state.profile) deps.send({ type: 'observe', profile: ref(), backofficeUser: state.user, observation });
  };
  const beat = () => {
    if (!state.dossierCode || !state.profile) return;
    lastBeat = now();
    deps.send({ type: 'heartbeat', profile: ref(), backofficeUser: state.user, dossierCode: state.dossierCode, at: lastBeat });
  };

  function leave() {
    if (!state.dossierCode) return;
    const at = now();
    deps.send({ type: 'inactive', dossierCode: state.dossierCode, at });
    observe({ kind: 'close', at, dossierCode: state.dossierCode });
    state.dossierCode = null;
    state.active = false;
  }

  function chooseProfile(url: string): SiteProfile | null {
    return deps.profiles.find((p) => pageRuleFor(p, url)) ?? deps.generic;
  }

  function scan() {
    const url = win.location.href;
    const profile = chooseProfile(url);
    if (profile !== state.profile) {
      leave();
      state.profile = profile;
    }
    if (!profile) return;
    reading = readPage(doc, url, profile);
    if (reading.notReady) return;
    state.pageKind = reading.pageKind;
    state.user = reading.user;
    if (profile.id !== 'generic') {
      for (const anchor of reading.misses) {
        const key = `${reading.pageKind}:${anchor}`;
        if (reportedMisses.has(key) || !reading.pageKind) continue;
        reportedMisses.add(key);
        observe({ kind: 'profile_miss', at: now(), pageKind: reading.pageKind, anchor });
      }
    }
    const code = reading.dossier?.dossierCode ?? null;
    if (code !== state.dossierCode) {
      leave();
      if (code) {
        state.dossierCode = code;
        fields = reading.dossier!.fields;
        observe({ kind: 'open', at: now(), dossierCode: code, fields });
        tick();
      }
    } else if (reading.dossier) fields = reading.dossier.fields;
    if (reading.pageKind === 'list' && reading.rows.length) {
      const signature = reading.rows.map((r) => `${r.dossierCode}|${r.fields.status ?? ''}|${r.fields.step ?? ''}`).join(',');
      if (signature !== listSignature && now() - listSentAt >= LIST_MIN_INTERVAL_MS) {
        listSignature = signature;
        listSentAt = now();
        observe({ kind: 'list_seen', at: listSentAt, rows: reading.rows.slice(0, 500).map((r) => ({ dossierCode: r.dossierCode, fields: r.fields })) });
      }
    }
    deps.onState?.({ ...state });
    deps.onReading?.(reading);
  }

  function tick() {
    if (win.location.href !== lastUrl) {
      lastUrl = win.location.href;
      scan();
    }
    if (!state.dossierCode) return;
    const active = tracker.isActive();
    if (active && (!state.active || now() - lastBeat >= HEARTBEAT_MS)) {
      state.active = true;
      beat();
    } else if (!active && state.active) {
      state.active = false;
      deps.send({ type: 'inactive', dossierCode: state.dossierCode, at: now() });
    }
  }

  function onAction(type: 'click' | 'submit', e: Event) {
    if (!state.profile || !(e.target instanceof Element)) return;
    const hit = matchAction(state.profile, type, e.target, doc);
    if (!hit) return;
    const row = reading?.rows.find((r) => r.element.contains(hit.element));
    const code = state.dossierCode ?? row?.dossierCode ?? null;
    if (!code) return;
    tracker.noteInput();
    if (state.dossierCode) beat();
    observe({ kind: 'action', at: now(), dossierCode: code, action: hit.kind, toAccount: hit.toAccount, fields: row?.fields ?? fields });
  }

  const onClick = (e: Event) => onAction('click', e);
  const onSubmit = (e: Event) => onAction('submit', e);
  doc.addEventListener('click', onClick, true);
  doc.addEventListener('submit', onSubmit, true);
  let pending: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      scan();
    }, SCAN_DEBOUNCE_MS);
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  const onHide = () => leave();
  const onVisibility = () => tick();
  win.addEventListener('pagehide', onHide);
  doc.addEventListener('visibilitychange', onVisibility);
  win.addEventListener('blur', onVisibility);
  win.addEventListener('focus', onVisibility);
  const timer = setInterval(tick, 1000);
  lastUrl = win.location.href;
  scan();

  return {
    state,
    scan,
    stop() {
      leave();
      clearInterval(timer);
      clearTimeout(pending);
      observer.disconnect();
      tracker.dispose();
      doc.removeEventListener('click', onClick, true);
      doc.removeEventListener('submit', onSubmit, true);
      win.removeEventListener('pagehide', onHide);
      doc.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
