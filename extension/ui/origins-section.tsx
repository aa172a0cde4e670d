import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { OriginsReply } from '../messaging/protocol.ts';

/** Back-office sites named by the province's profiles; each is granted here, never by default. */
export function OriginsSection() {
  const [origins, setOrigins] = useState<OriginsReply | null>(null);
  const refresh = () => void (browser.runtime.sendMessage({ type: 'origins' }) as Promise<OriginsReply>).then(setOrigins);
  useEffect(refresh, []);
  async function grant(origin: string) {
    // Must run in the click's user gesture: permissions.request opens the browser's own prompt.
    const ok = await browser.permissions.request({ origins: [origin] });
    if (ok) refresh();
  }
  if (!origins || origins.wanted.length === 0) return null;
  return (
    <section aria-labelledby="origins-title">
      <h2 id="origins-title">
        Trang nghiệp vụ được ghi nhận <span class="en">Back-office sites</span>
      </h2>
      <ul>
        {origins.wanted.map((o) => (
          <li key={o}>
            <code>{o}</code>{' '}
            {origins.granted.includes(o) ? (
              <span class="on">đã cho phép / granted</span>
            ) : (
              <button type="button" class="secondary" onClick={() => void grant(o)}>
                Cho phép <span class="en">Grant</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
