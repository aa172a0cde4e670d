import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { OriginsReply } from '../messaging/protocol.ts';
import { originPattern } from './origin-input.ts';

/**
 * Back-office sites: those named by the province's profiles, and any other the official grants
 * here (read by the generic reader, which recognises dossier codes on any page). Each is granted
 * in the browser's own prompt, never by default.
 */
export function OriginsSection() {
  const [origins, setOrigins] = useState<OriginsReply | null>(null);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState('');
  const refresh = () => void (browser.runtime.sendMessage({ type: 'origins' }) as Promise<OriginsReply>).then(setOrigins);
  useEffect(refresh, []);
  async function grant(origin: string) {
    // Must run in the click's user gesture: permissions.request opens the browser's own prompt.
    const ok = await browser.permissions.request({ origins: [origin] });
    if (ok) refresh();
    return ok;
  }
  async function grantTyped(e: Event) {
    e.preventDefault();
    const pattern = originPattern(typed);
    if (!pattern) return setProblem('Không phải địa chỉ web (https://…) / Not a web address');
    setProblem('');
    if (await grant(pattern)) setTyped('');
  }
  if (!origins) return null;
  const others = origins.granted.filter((o) => !origins.wanted.includes(o));
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
        {others.map((o) => (
          <li key={o} data-testid="generic-origin">
            <code>{o}</code> <span class="on">bộ đọc chung / generic reader</span>
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void grantTyped(e)}>
        <label for="other-origin">
          Trang nghiệp vụ khác (đọc mã hồ sơ bằng bộ đọc chung) <span class="en">Another back-office (generic reader)</span>
        </label>{' '}
        <input
          id="other-origin"
          type="text"
          inputMode="url"
          placeholder="motcua.tinh.gov.vn"
          value={typed}
          onInput={(e) => setTyped((e.target as HTMLInputElement).value)}
        />{' '}
        <button type="submit" class="secondary">
          Cho phép <span class="en">Grant</span>
        </button>
        {problem && <p role="alert">{problem}</p>}
      </form>
    </section>
  );
}
