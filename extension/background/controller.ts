import { browser } from 'wxt/browser';
import type { CaptureEvent } from '../../shared/schemas/events.ts';
import type { AnyMessage, InitReply, PageObservation, ReadReply, StatusReply } from '../messaging/protocol.ts';
import { BUNDLED_PROFILES, GENERIC, mergeProfiles, profilesForOrigin } from '../profiles/registry.ts';
import { openStore, type Store } from './store.ts';
import { BACKLOG_WARNING, countQueued, enqueue } from './outbox.ts';
import { beat, closeStale, stop, stopAll } from './spans.ts';
import { loadManagedProfiles, refreshManagedProfiles } from './managed-profiles.ts';
import { profileOrigins, syncContentScripts } from './origins.ts';
import { createFlusher } from './flusher.ts';
import { loadSession, saveSession, type SessionState } from './session.ts';
import { login, logout } from './api-client.ts';
import { ApiReadError, apiCall, fetchDossier, fetchFlags, fetchMeSummary } from './api-reads.ts';
import { detailUrlFor } from '../profiles/detail-url.ts';
import { createFlagsCache } from './flags-cache.ts';
import { createClockOffset } from './clock-offset.ts';
import { isOtherAccount } from '../capture/identity.ts';
import { createPrivacyScreen } from './privacy-screen.ts';
import { workbenchDraft } from './workbench-draft.ts';

/** All background behaviour; the entrypoint only registers listeners that call into this. */
/** A profile an admin publishes reaches signed-in extensions within a minute (the alarm ticks every 30 s). */
const PROFILE_REFRESH_MS = 25_000;

export function createBackground(opts: { now?: () => number } = {}) {
  const now = opts.now ?? Date.now;
  let lastProfileRefresh = 0;
  const storeP = openStore();
  let sessionCache: SessionState | null = null;
  const session = async () => (sessionCache ??= await loadSession());
  const setSession = async (s: SessionState) => {
    sessionCache = s;
    await saveSession(s);
  };

  const clock = createClockOffset();
  const flagsCache = createFlagsCache(now);
  const privacy = createPrivacyScreen(now);

  /** Runs a read against the API for the signed-in official; errors become values. */
  async function read<T>(s: SessionState, run: (url: string, token: string) => Promise<T>): Promise<ReadReply<T>> {
    if (!s.token) return { error: 'Chưa đăng nhập / Not signed in', status: 401 };
    try {
      return { data: await run(s.serverUrl, s.token) };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e), status: e instanceof ApiReadError ? e.status : undefined };
    }
  }
  const flusherP = storeP.then((store) =>
    createFlusher({
      store,
      session,
      clock,
      onUnauthorized: async (message) => {
        // Keep every queued event: they are sent once the official signs in again.
        const s = await session();
        await setSession({ ...s, token: null, signedOutReason: message });
      },
      onChange: () => void updateBadge(),
      now,
    }),
  );

  async function updateBadge() {
    const store = await storeP;
    const s = await session();
    const queued = await countQueued(store);
    await browser.action.setBadgeText({ text: !s.token ? '!' : queued > 0 ? String(Math.min(queued, 9999)) : '' });
    await browser.action.setBadgeBackgroundColor({ color: !s.token ? '#b42318' : '#175cd3' });
  }

  function identity(s: SessionState, read: string | null) {
    // An account that looks like a citizen's phone or ID number was read from the wrong element.
    const backofficeUser = privacy.account(read);
    const mine = s.official?.backofficeAccount ?? s.official?.username;
    return {
      ...(backofficeUser ? { backofficeUser } : {}),
      ...(isOtherAccount(backofficeUser, mine) ? { identityMismatch: true } : {}),
    };
  }

  function toEvent(o: PageObservation, profile: { id: string; version: number }, ident: object): CaptureEvent {
    const base = { id: crypto.randomUUID(), at: new Date(o.at).toISOString(), profile, ...ident };
    switch (o.kind) {
      case 'open':
        return { ...base, kind: 'open', dossierCode: o.dossierCode, fields: o.fields };
      case 'close':
        return { ...base, kind: 'close', dossierCode: o.dossierCode };
      case 'action':
        return {
          ...base,
          kind: 'action',
          dossierCode: o.dossierCode,
          action: o.action,
          fields: o.fields,
          ...(o.toAccount ? { toAccount: o.toAccount } : {}),
        };
      case 'list_seen':
        return { ...base, kind: 'list_seen', rows: o.rows };
      case 'profile_miss':
        return { ...base, kind: 'profile_miss', pageKind: o.pageKind, anchor: o.anchor };
    }
  }

  async function record(store: Store, s: SessionState, events: CaptureEvent[]) {
    await enqueue(store, s.official!.id, events, now());
    void (await flusherP).flush();
    void updateBadge();
  }

  async function handle(msg: AnyMessage): Promise<unknown> {
    const store = await storeP;
    const s = await session();
    const recording = !!(s.token && s.official);
    switch (msg.type) {
      case 'init': {
        // Never capture on Dossier Pulse's own pages (the dashboard shows dossier codes too).
        if (new URL(msg.url).origin === new URL(s.serverUrl).origin) return { profiles: [], generic: null, recording } satisfies InitReply;
        const all = mergeProfiles(BUNDLED_PROFILES, await loadManagedProfiles());
        return { profiles: profilesForOrigin(all, msg.url), generic: GENERIC, recording } satisfies InitReply;
      }
      case 'observe': {
        if (!recording) return { recorded: false };
        const o = msg.observation;
        const ident = identity(s, msg.backofficeUser);
        // The page is signed in as someone else: what happens there is not this official's doing,
        // so nothing is recorded as theirs (only a profile miss, which names nobody).
        if (ident.identityMismatch && o.kind !== 'profile_miss') return { recorded: false, identityMismatch: true };
        if (o.kind === 'action' || o.kind === 'close') {
          // The official was active up to the click: close the span there, before the action.
          await stop(store, s.official!.id, o.dossierCode, o.at);
        }
        const screened = privacy.screen(toEvent(o, msg.profile, ident));
        await record(store, s, screened.events);
        return {
          recorded: true,
          identityMismatch: !!ident.identityMismatch,
          ...(screened.suspectFields.length ? { withheld: screened.suspectFields } : {}),
        };
      }
      case 'heartbeat': {
        if (!recording) return { recorded: false };
        if (identity(s, msg.backofficeUser).identityMismatch) return { recorded: false, identityMismatch: true };
        const emitted = await beat(
          store,
          { officialId: s.official!.id, dossierCode: msg.dossierCode, profile: msg.profile, ...identity(s, msg.backofficeUser) },
          msg.at,
        );
        if (emitted.length) void (await flusherP).flush();
        return { recorded: true };
      }
      case 'inactive': {
        if (recording) await stop(store, s.official!.id, msg.dossierCode, msg.at);
        void (await flusherP).flush();
        return { ok: true };
      }
      case 'status': {
        const f = (await flusherP).status;
        const queued = await countQueued(store);
        return {
          signedIn: !!s.token,
          recording,
          serverUrl: s.serverUrl,
          official: s.official,
          queued,
          rejected: f.rejected,
          lastError: s.signedOutReason && !s.token ? s.signedOutReason : f.lastError,
          lastSuccessAt: f.lastSuccessAt,
          backlogWarning: queued >= BACKLOG_WARNING,
        } satisfies StatusReply;
      }
      case 'meSummary':
        return read(s, fetchMeSummary);
      case 'flagsFor':
        return read(s, (url, token) => flagsCache.flagsFor(url, token, msg.codes.slice(0, 1000)));
      case 'dossier':
        return read(s, (url, token) => fetchDossier(url, token, msg.code));
      case 'flags':
        return read(s, (url, token) => fetchFlags(url, token, msg.query));
      case 'detailUrl': {
        const all = mergeProfiles(BUNDLED_PROFILES, await loadManagedProfiles());
        return { url: detailUrlFor(all, msg.code, msg.tabUrl) };
      }
      case 'apiCall':
        return read(s, (url, token) => apiCall(url, token, msg.method, msg.path, msg.body));
      case 'login': {
        const sentAt = Date.now();
        const r = await login(msg.serverUrl, msg.username, msg.password);
        await clock.observe(r.serverTime, sentAt, Date.now());
        await setSession({ serverUrl: msg.serverUrl, token: r.token, official: r.official });
        flagsCache.invalidate();
        lastProfileRefresh = now();
        await refreshManagedProfiles(msg.serverUrl, r.token, now());
        void (await flusherP).flush({ force: true });
        void updateBadge();
        return { ok: true, official: r.official };
      }
      case 'logout': {
        // Send what this official still has queued before the token goes away.
        await closeStale(store, Number.MAX_SAFE_INTEGER);
        await (await flusherP).flush({ force: true });
        if (s.token) await logout(s.serverUrl, s.token);
        await setSession({ serverUrl: s.serverUrl, token: null, official: null });
        void updateBadge();
        return { ok: true };
      }
      case 'origins': {
        const all = mergeProfiles(BUNDLED_PROFILES, await loadManagedProfiles());
        return { wanted: profileOrigins(all), granted: await syncContentScripts() };
      }
      case 'workbenchTabs': {
        const tabs = await browser.tabs.query({});
        return {
          tabs: tabs.filter((t) => t.id !== undefined && /^https?:/.test(t.url ?? '')).map((t) => ({ url: t.url!, title: t.title ?? '' })),
        };
      }
      case 'workbench': {
        const tab = (await browser.tabs.query({})).find((t) => t.url === msg.url && t.id !== undefined);
        if (!tab) return { ok: false, invalid: ['Không thấy thẻ này đang mở / No such open tab'] };
        const draft = workbenchDraft(msg.draft);
        if ('invalid' in draft) return { ok: false, invalid: draft.invalid };
        return browser.tabs.sendMessage(tab.id!, { type: 'workbenchRead', draft: draft.profile }, { frameId: 0 }).catch((e: unknown) => ({
          ok: false,
          invalid: [
            `Trang chưa có tiện ích (chưa cho phép địa chỉ?) / The page has no capture script (origin not granted?): ${e instanceof Error ? e.message : String(e)}`,
          ],
        }));
      }
      case 'flushNow': {
        await (await flusherP).flush({ force: true });
        return { ok: true };
      }
    }
  }

  async function tick() {
    const store = await storeP;
    await closeStale(store, now());
    const s = await session();
    if (s.token && now() - lastProfileRefresh > PROFILE_REFRESH_MS) {
      lastProfileRefresh = now();
      const r = await refreshManagedProfiles(s.serverUrl, s.token, now());
      if (r?.changed) await tellPagesProfilesChanged();
    }
    await (await flusherP).flush();
    await updateBadge();
  }

  /** Open back-office pages choose their profiles again (a page without our script ignores the message). */
  async function tellPagesProfilesChanged() {
    const tabs = await browser.tabs.query({}).catch(() => []);
    await Promise.all(
      tabs.map((t) => (t.id === undefined ? null : browser.tabs.sendMessage(t.id, { type: 'profilesChanged' }).catch(() => undefined))),
    );
  }

  /** The `idle` API: a locked or idle computer is not work, whatever the page says. */
  async function idleChanged(state: 'active' | 'idle' | 'locked') {
    if (state !== 'active') await stopAll(await storeP, now());
  }

  return { handle, tick, idleChanged, syncContentScripts, flush: async (force = false) => (await flusherP).flush({ force }) };
}
