import { startPageWatcher } from '../capture/page-watcher.ts';
import { mountPill } from '../ui/pill.ts';
import { createOverlay } from '../ui/overlay.ts';
import type { ContentMessage, InitReply, ReadReply, StatusReply } from '../messaging/protocol.ts';
import type { DossierDetail, FlagView, MeSummary } from '../messaging/api-types.ts';

// Only the demo back-office's origins are known at build time; granted back-office origins get
// this same script registered at run time from the options page.
export default defineContentScript({
  matches: ['http://127.0.0.1/*', 'http://localhost/*'],
  allFrames: true,
  runAt: 'document_idle',
  async main(ctx) {
    const send = <T>(m: ContentMessage) => browser.runtime.sendMessage(m) as Promise<T>;
    const init = await send<InitReply>({ type: 'init', url: location.href }).catch(() => null);
    if (!init || (init.profiles.length === 0 && !init.generic)) return;

    const isTop = window.top === window;
    const pill = isTop ? mountPill(document, { status: () => send<StatusReply>({ type: 'status' }), meSummary: () => send<ReadReply<MeSummary>>({ type: 'meSummary' }) }) : null;
    let mine: string | null = null;
    void send<StatusReply>({ type: 'status' }).then((s) => (mine = s.official?.backofficeAccount ?? s.official?.username ?? null)).catch(() => undefined);

    const overlay = createOverlay(document);
    let shownDossier: string | null = null;
    const watcher = startPageWatcher({
      win: window,
      profiles: init.profiles,
      generic: init.generic,
      send: (m) => void send(m).catch(() => undefined),
      onState: (s) => pill?.setIdentityWarning(s.user, mine),
      onReading: (r) => {
        if (!init.recording || !isTop) return;
        if (r.pageKind === 'list') {
          overlay.setStrip(null);
          shownDossier = null;
          const rows = r.rows.map((x) => ({ element: x.element, dossierCode: x.dossierCode }));
          void send<ReadReply<Record<string, FlagView[]>>>({ type: 'flagsFor', codes: rows.map((x) => x.dossierCode) }).then((f) => overlay.setBadges(rows, f.data ?? {}));
        } else if (r.dossier && r.dossier.dossierCode !== shownDossier) {
          shownDossier = r.dossier.dossierCode;
          overlay.setBadges([], {});
          void send<ReadReply<DossierDetail>>({ type: 'dossier', code: shownDossier }).then((d) => overlay.setStrip(d.data ?? null));
        }
      },
    });
    ctx.onInvalidated(() => {
      watcher.stop();
      pill?.remove();
      overlay.remove();
    });
  },
});
