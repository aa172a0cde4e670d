import type { PageRule, SiteProfile } from '../../shared/schemas/profile.ts';
import type { DossierFields } from '../../shared/schemas/events.ts';
import type { ContentMessage, PageObservation } from '../messaging/protocol.ts';
import { GENERIC_ID, pageRuleFor, readPageHead, type PageReading, type ReadRow } from '../profiles/read-page.ts';
import { readGeneric } from '../profiles/read-generic.ts';
import { matchAction } from '../profiles/match-action.ts';
import { createActivityTracker } from './activity.ts';
import { createRowTracker, LIST_SEEN_ROWS, type RowChange } from './row-tracker.ts';
import { emptySummary, summarizeMutations } from './mutations.ts';
import { createReach } from './reach.ts';
import { createActionGate } from './action-gate.ts';
import { chooseProfile as choose, type ProfileChoice } from '../profiles/choose-profile.ts';
import { createUnmatchedClicks } from './unmatched-clicks.ts';

export const HEARTBEAT_MS = 5_000;
const LIST_MIN_INTERVAL_MS = 10_000;
const SCAN_DEBOUNCE_MS = 250;
/** Reading a long list yields to the page after this long, so it never holds the main thread for long. */
const SLICE_MS = 8;
/** Rows found again at least this often while the page changes, for rows that appear by attribute changes alone. */
const REQUERY_MAX_AGE_MS = 10_000;
/** How long a dialog opened from a list row may stay open and still be that row's. */
const OPENER_MS = 15 * 60_000;

/** `unread`: no profile reads this page (no page rule, or only the generic reader standing in). */
export type WatcherState = {
  profile: SiteProfile | null;
  dossierCode: string | null;
  user: string | null;
  active: boolean;
  pageKind: string | null;
  unread: boolean;
};
/** `rows`: the list's rows (elements or codes) differ from the last reading's. */
export type ReadingChange = { rows: boolean };

const sameRows = (a: readonly ReadRow[], b: readonly ReadRow[]) =>
  a === b ||
  (a.length === b.length &&
    a.every((r, i) => r.dossierCode === b[i]!.dossierCode && r.element === b[i]!.element && r.codeElement === b[i]!.codeElement));
/** Whether a list rule reads attributes or form values, which change without the mutations the watcher observes. */
const readsUnobserved = (rule: PageRule) => [rule.code, ...Object.values(rule.fields ?? {})].some((f) => f?.attr);

/** Lets the page run (input, rendering) before going on: scheduler.yield where there is one. */
const yieldToPage = (win: Window): Promise<void> => {
  const scheduler = (win as Window & { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
};
const signatureOf = (rows: readonly ReadRow[]) =>
  rows.map((r) => `${r.dossierCode}|${r.fields.status ?? ''}|${r.fields.step ?? ''}|${r.fields.handler ?? ''}`).join(',');

/**
 * Watches one document: which dossier it shows (by reading it, not by DOM markers, so re-renders
 * and route changes never open a dossier twice), whether the official is active on it, and which
 * actions they confirm (capture-phase listeners run before the page's own handlers).
 *
 * On a list, a change re-reads only the rows it touched (the mutation records say which), finds
 * the rows again only when elements came or went outside them, and ignores the extension's own
 * elements; the page's URL, user and ready marker are read again on every change. A long list is
 * read as far as the official scrolls (capture/reach.ts).
 */
export function startPageWatcher(deps: {
  win: Window;
  profiles: SiteProfile[];
  generic: SiteProfile | null;
  send: (m: ContentMessage) => void;
  onState?: (s: WatcherState) => void;
  /** Every fresh reading of the page, for the overlay. */
  onReading?: (r: PageReading, change: ReadingChange) => void;
  now?: () => number;
  /** A monotonic clock in ms for time slices (performance.now). */
  clock?: () => number;
}) {
  const { win } = deps;
  const doc = win.document;
  const now = deps.now ?? Date.now;
  const clock = deps.clock ?? (() => performance.now());
  const tracker = createActivityTracker(win, { now });
  const rowTracker = createRowTracker(doc, clock);
  const state: WatcherState = { profile: null, dossierCode: null, user: null, active: false, pageKind: null, unread: false };
  let fields: DossierFields = {};
  let reading: PageReading | null = null;
  let lastUrl = '';
  let lastBeat = 0;
  let listSignature = '';
  /** The current rows' signature, computed when a list_seen may be sent; null after any change to them. */
  let currentSignature: string | null = null;
  let listSentAt = -Infinity;
  /** The rows of the last reading handed on, to tell whether they changed. */
  let reportedRows: ReadRow[] = [];
  const reportedMisses = new Set<string>();
  let scannedUrl = '';
  let requeriedAt = -Infinity;
  /** Changes seen since the last scan; `full` when they cannot be narrowed to rows. */
  let pendingChanges = emptySummary();
  let full = true;
  /** A list is being read over several tasks; `again`: a scan was asked for meanwhile. */
  let syncing = false;
  let again = false;
  let stopped = false;
  /** The official scrolled near the last rows read: read further on the next scan. */
  let further = false;
  const reach = createReach(win, () => {
    further = true;
    scan();
  });

  const ref = () => ({ id: state.profile!.id, version: state.profile!.version });
  const observe = (observation: PageObservation) => {
    if (observation.kind === 'action') unmatched.actionRecorded();
    if (state.profile) deps.send({ type: 'observe', profile: ref(), backofficeUser: state.user, observation });
  };
  /** Clicks on likely action controls that no rule matched, reported once per kind and page. */
  const unmatched = createUnmatchedClicks({
    now,
    report: (kind) => {
      const anchor = `unmatched_click:${kind}`;
      const pageKind = (state.pageKind as 'list' | 'detail' | null) ?? 'none';
      if (!state.profile || state.profile.id === GENERIC_ID || reportedMisses.has(`${pageKind}:${anchor}`)) return;
      reportedMisses.add(`${pageKind}:${anchor}`);
      observe({ kind: 'profile_miss', at: now(), pageKind, anchor });
    },
  });
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

  let chosenFor = '';
  let chosen: ProfileChoice = { profile: null, unread: null, standingIn: null };
  /** Chosen again on every route change: a single-page app lands where no rule reads. */
  function chooseProfile(url: string): SiteProfile | null {
    if (url !== chosenFor) {
      chosen = choose(deps.profiles, deps.generic, url);
      chosenFor = url;
      state.unread = !!(chosen.unread || chosen.standingIn);
      // Silence is reported: the profile that claims the origin learns it did not read this page.
      // Which of several profiles claiming the origin should have read the page cannot be told: each hears of it.
      const by = chosen.unread ? [chosen.unread] : chosen.standingIn ? deps.profiles : [];
      const anchor = `${chosen.unread ? 'no_page_rule' : 'generic_stood_in'} ${new URL(url).origin}`.slice(0, 100);
      for (const p of by) {
        const key = `none:${p.id}:${anchor}`;
        if (reportedMisses.has(key)) continue;
        reportedMisses.add(key);
        deps.send({
          type: 'observe',
          profile: { id: p.id, version: p.version },
          backofficeUser: null,
          observation: { kind: 'profile_miss', at: now(), pageKind: 'none', anchor },
        });
      }
    }
    return chosen.profile;
  }

  /** The rows of a list reading, and the miss when the row selector finds rows that show no code. */
  function withRows(head: PageReading): PageReading {
    head.rows = rowTracker.rows;
    reach.follow(rowTracker.count, rowTracker.elementAt);
    if (rowTracker.count > 0 && head.rows.length === 0) head.misses.push('code');
    return head;
  }

  /**
   * Reads the page: on a full scan (first, after a route change, when rows nest) everything; on a
   * list otherwise the head, the rows the changes touched, and the row list again only when
   * elements came or went. A long read is spread over tasks; scans asked for meanwhile wait.
   */
  function scan() {
    if (syncing) {
      again = true;
      return;
    }
    const url = win.location.href;
    const everything = full || url !== scannedUrl || rowTracker.nested;
    full = false;
    const changes = pendingChanges;
    pendingChanges = emptySummary();
    const profile = chooseProfile(url);
    if (profile !== state.profile) {
      leave();
      state.profile = profile;
      resetRows();
    }
    if (!profile) return;
    if (profile.id === GENERIC_ID) return finish(url, readGeneric(doc), true);
    const rule = pageRuleFor(profile, url);
    const head = readPageHead(doc, url, profile, rule);
    if (!rule || head.notReady || rule.kind !== 'list' || !rule.rows || !rule.code) {
      if (!head.notReady) resetRows();
      return finish(url, head, false);
    }
    // Values read from attributes or form fields change without a mutation the observer reports.
    const rereadAll = everything || readsUnobserved(rule);
    if (url !== scannedUrl) reach.reset();
    let change: RowChange | 'requery' | null =
      rereadAll ||
      further ||
      rowTracker.rule() !== rule ||
      changes.structural ||
      reading?.notReady ||
      now() - requeriedAt >= REQUERY_MAX_AGE_MS
        ? 'requery'
        : rowTracker.refresh(changes.rows);
    if (change === 'requery') {
      requeriedAt = now();
      further = false;
      change = rowTracker.requery(rule, profile.dateFormat, rereadAll ? 'all' : changes.rows, clock() + SLICE_MS, reach.limit);
    }
    if (change) return finish(url, withRows(head), change.fields);
    syncing = true;
    void (async () => {
      let done: RowChange | null = null;
      while (!done) {
        await yieldToPage(win);
        if (stopped) return;
        done = rowTracker.resume(clock() + SLICE_MS);
      }
      syncing = false;
      finish(url, withRows(head), done.fields);
      if (again) {
        again = false;
        scan();
      }
    })();
  }

  function resetRows() {
    rowTracker.reset();
    reach.reset();
  }

  /** Acts on a reading: opens and closes dossiers, reports misses and lists seen, hands it on. */
  function finish(url: string, next: PageReading, fieldsChanged: boolean) {
    scannedUrl = url;
    gate.check();
    reading = next;
    if (next.notReady) {
      // Nothing was read: the next change reads everything.
      full = true;
      return;
    }
    const rowsChanged = !sameRows(reportedRows, next.rows);
    reportedRows = next.rows;
    if (rowsChanged || fieldsChanged) currentSignature = null;
    state.pageKind = next.pageKind;
    state.user = next.user;
    if (state.profile!.id !== GENERIC_ID) {
      for (const anchor of next.misses) {
        const key = `${next.pageKind}:${anchor}`;
        if (reportedMisses.has(key) || !next.pageKind) continue;
        reportedMisses.add(key);
        observe({ kind: 'profile_miss', at: now(), pageKind: next.pageKind, anchor });
      }
    }
    const code = next.dossier?.dossierCode ?? null;
    if (code !== state.dossierCode) {
      leave();
      if (code) {
        state.dossierCode = code;
        fields = next.dossier!.fields;
        observe({ kind: 'open', at: now(), dossierCode: code, fields });
        tick();
      }
    } else if (next.dossier) fields = next.dossier.fields;
    if (next.pageKind === 'list' && next.rows.length && now() - listSentAt >= LIST_MIN_INTERVAL_MS) {
      currentSignature ??= signatureOf(next.rows);
      if (currentSignature !== listSignature) {
        listSignature = currentSignature;
        listSentAt = now();
        observe({
          kind: 'list_seen',
          at: listSentAt,
          rows: next.rows.slice(0, LIST_SEEN_ROWS).map((r) => ({ dossierCode: r.dossierCode, fields: r.fields })),
        });
      }
    }
    deps.onState?.({ ...state });
    deps.onReading?.(next, { rows: rowsChanged });
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

  const gate = createActionGate({
    win,
    now,
    record(o) {
      tracker.noteInput();
      if (state.dossierCode === o.dossierCode) beat();
      observe(o);
    },
  });

  /**
   * The list row last clicked in, outside any dialog: a list-row action confirmed in an overlay
   * dialog (outside the row) is that row's.
   */
  let opener: { row: ReadRow; at: number; url: string } | null = null;
  const rowOf = (el: Element) =>
    state.profile!.id !== GENERIC_ID ? rowTracker.rowContaining(el) : reading?.rows.find((r) => r.element.contains(el));

  function onAction(type: 'click' | 'submit', e: Event) {
    if (!state.profile || !(e.target instanceof Element)) return;
    const clickedRow = type === 'click' && !gate.inDialog(e.target) ? rowOf(e.target) : undefined;
    if (clickedRow) opener = { row: clickedRow, at: now(), url: win.location.href };
    const hit = matchAction(state.profile, type, e.target, doc);
    if (type === 'click') unmatched.click(e.target, !!hit);
    if (!hit) return gate.other(type, e.target);
    // The dossier comes from the row or page the control is on; a list's dialog outside any row is
    // about the row whose control opened it (a detail page names its dossier itself).
    const row =
      rowOf(hit.element) ??
      (!state.dossierCode && opener && opener.url === win.location.href && now() - opener.at < OPENER_MS ? opener.row : undefined);
    const code = state.dossierCode ?? row?.dossierCode ?? null;
    if (!code) return gate.other(type, e.target);
    gate.matched(
      type,
      hit.element,
      { kind: 'action', at: now(), dossierCode: code, action: hit.kind, toAccount: hit.toAccount, fields: row?.fields ?? fields },
      hit.toAccountRule,
    );
  }

  const onClick = (e: Event) => onAction('click', e);
  const onSubmit = (e: Event) => onAction('submit', e);
  doc.addEventListener('click', onClick, true);
  doc.addEventListener('submit', onSubmit, true);
  let pending: ReturnType<typeof setTimeout> | undefined;
  const Observer = (win as Window & typeof globalThis).MutationObserver ?? MutationObserver;
  const observer = new Observer((records) => {
    // Only the extension's own elements changed: nothing to read.
    if (summarizeMutations(records, rowTracker.rowOf, pendingChanges, rowTracker.below) === 0 || pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      scan();
    }, SCAN_DEBOUNCE_MS);
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  const onHide = () => {
    gate.flush();
    leave();
  };
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
    /** Reads the whole page again now. */
    scan() {
      full = true;
      scan();
    },
    stop() {
      stopped = true;
      gate.flush();
      leave();
      reach.stop();
      clearInterval(timer);
      clearTimeout(pending);
      observer.disconnect();
      tracker.dispose();
      doc.removeEventListener('click', onClick, true);
      doc.removeEventListener('submit', onSubmit, true);
      win.removeEventListener('pagehide', onHide);
      doc.removeEventListener('visibilitychange', onVisibility);
      win.removeEventListener('blur', onVisibility);
      win.removeEventListener('focus', onVisibility);
    },
  };
}
