import type { ContentScriptDefinition } from 'wxt';
import { startPageWatcher } from '../capture/page-watcher.ts';
import { mountPill } from '../ui/pill.ts';
import { createOverlay } from '../ui/overlay.ts';
import type { ContentMessage, InitReply, ReadReply, StatusReply } from '../messaging/protocol.ts';
import type { DossierDetail, FlagView, MeSummary } from '../messaging/api-types.ts';
import { workbenchReadout } from '../profiles/workbench-readout.ts';
import type { SiteProfile } from '../../shared/schemas/profile.ts';

/** Flags are asked again when the rows change, and at least this often while the page changes (the background keeps them a minute). */
const FLAGS_MAX_AGE_MS = 60_000;

// Only the demo back-office's origins are known at build time; granted back-office origins get
// this same script registered at run time from the options page.
const content: ContentScriptDefinition = defineContentScript({
  matches: ['http://127.0.0.1/*', 'http://localhost/*'],
  allFrames: true,
  runAt: 'document_idle',
  async main(ctx) {
    const send = <T>(m: ContentMessage) => browser.runtime.sendMessage(m) as Promise<T>;
    let init = await send<InitReply>({ type: 'init', url: location.href }).catch(() => null);
    if (!init || (init.profiles.length === 0 && !init.generic)) return;

    const isTop = window.top === window;
    // The official's own back-office account comes with the pill's status, compared with the page's.
    let mine: string | null = null;
    let pageUser: string | null = null;
    const status = () =>
      send<StatusReply>({ type: 'status' }).then((s) => {
        const account = s.official?.backofficeAccount ?? s.official?.username ?? null;
        if (account !== mine) {
          mine = account;
          pill?.setIdentityWarning(pageUser, mine);
        }
        return s;
      });
    const pill = isTop ? mountPill(document, { status, meSummary: () => send<ReadReply<MeSummary>>({ type: 'meSummary' }) }) : null;

    const overlay = createOverlay(document);
    let shownDossier: string | null = null;
    let flagsAskedAt = -Infinity;
    let flagsAsked = 0;
    const watch = (reply: InitReply) =>
      startPageWatcher({
        win: window,
        profiles: reply.profiles,
        generic: reply.generic,
        send: (m) => void send(m).catch(() => undefined),
        onState: (s) => {
          pageUser = s.user;
          pill?.setIdentityWarning(s.user, mine);
          pill?.setUnread(s.unread);
        },
        onReading: (r, change) => {
          if (!init?.recording || !isTop) return;
          if (r.pageKind === 'list') {
            overlay.setStrip(null);
            shownDossier = null;
            if (!change.rows && Date.now() - flagsAskedAt < FLAGS_MAX_AGE_MS) {
              // Same rows, flags still fresh: only follow the page's layout.
              overlay.place();
              return;
            }
            flagsAskedAt = Date.now();
            const asked = ++flagsAsked;
            const rows = r.rows.map((x) => ({ element: x.element, dossierCode: x.dossierCode, anchor: x.codeElement }));
            void send<ReadReply<Record<string, FlagView[]>>>({ type: 'flagsFor', codes: rows.map((x) => x.dossierCode) })
              .then((f) => {
                // A later reading's answer wins over this one.
                if (asked === flagsAsked) overlay.setBadges(rows, f.data ?? {});
              })
              .catch(() => undefined);
          } else if (r.dossier && r.dossier.dossierCode !== shownDossier) {
            shownDossier = r.dossier.dossierCode;
            flagsAsked++;
            overlay.setBadges([], {});
            void send<ReadReply<DossierDetail>>({ type: 'dossier', code: shownDossier })
              .then((d) => overlay.setStrip(d.data ?? null))
              .catch(() => undefined);
          } else if (r.dossier) {
            // The same dossier's page changed (a toolbar drawn late, a dialog): the strip finds a free spot again.
            overlay.place();
          }
        },
      });
    let watcher = watch(init);
    // A profile published on the server reaches this open page: the background says when.
    // The workbench: what the admin last clicked, and the page read on request (top frame only).
    let lastClick: Element | null = null;
    const onClick = (e: Event) => {
      if (e.target instanceof Element) lastClick = e.target;
    };
    document.addEventListener('click', onClick, true);
    const onMessage = (m: { type?: string; draft?: SiteProfile }, _sender: unknown, reply: (r: unknown) => void) => {
      if (m?.type === 'workbenchRead') {
        if (!isTop) return false;
        reply(workbenchReadout(document, location.href, watcher.state.profile, m.draft, lastClick));
        return false;
      }
      if (m?.type !== 'profilesChanged') return false;
      void send<InitReply>({ type: 'init', url: location.href })
        .then((next) => {
          if (!next || ctx.isInvalid) return;
          watcher.stop();
          init = next;
          watcher = watch(next);
        })
        .catch(() => undefined);
      return false;
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(onMessage);
      document.removeEventListener('click', onClick, true);
      watcher.stop();
      pill?.remove();
      overlay.remove();
    });
  },
});
export default content;
