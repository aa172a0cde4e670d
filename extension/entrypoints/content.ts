import { startPageWatcher } from '../capture/page-watcher.ts';
import { mountPill } from '../ui/pill.ts';
import type { ContentMessage, InitReply, MyStatsReply, StatusReply } from '../messaging/protocol.ts';

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
    const pill = isTop ? mountPill(document, { status: () => send<StatusReply>({ type: 'status' }), myStats: () => send<MyStatsReply>({ type: 'myStats' }) }) : null;
    let mine: string | null = null;
    void send<StatusReply>({ type: 'status' }).then((s) => (mine = s.official?.backofficeAccount ?? s.official?.username ?? null)).catch(() => undefined);

    const watcher = startPageWatcher({
      win: window,
      profiles: init.profiles,
      generic: init.generic,
      send: (m) => void send(m).catch(() => undefined),
      onState: (s) => pill?.setIdentityWarning(s.user, mine),
    });
    ctx.onInvalidated(() => {
      watcher.stop();
      pill?.remove();
    });
  },
});
