import type { BackgroundDefinition } from 'wxt';
import { createBackground } from '../background/controller.ts';
import type { AnyMessage } from '../messaging/protocol.ts';

const background: BackgroundDefinition = defineBackground(() => {
  const bg = createBackground();

  browser.runtime.onMessage.addListener((msg: AnyMessage, _sender, sendResponse) => {
    bg.handle(msg).then(sendResponse, (e: unknown) => sendResponse({ error: e instanceof Error ? e.message : String(e) }));
    return true;
  });

  // The worker may sleep; the alarm wakes it to close stale spans and retry the outbox.
  browser.alarms.create('flush', { periodInMinutes: 0.5 });
  browser.alarms.onAlarm.addListener((a) => {
    if (a.name === 'flush') void bg.tick();
  });
  self.addEventListener('online', () => void bg.flush(true));
  browser.idle.setDetectionInterval(120);
  browser.idle.onStateChanged.addListener((state) => void bg.idleChanged(state));
  browser.permissions.onAdded.addListener(() => void bg.syncContentScripts());
  browser.permissions.onRemoved.addListener(() => void bg.syncContentScripts());
  browser.runtime.onStartup.addListener(() => void bg.tick());
  browser.runtime.onInstalled.addListener(() => void bg.tick());
  void bg.tick();
});
export default background;
