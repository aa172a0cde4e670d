import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { StatusReply } from '../messaging/protocol.ts';

/** Sign-in against the Dossier Pulse API; the token stays in the background's storage. */
export function SignInForm(props: { status: StatusReply | null; onChange: () => void }) {
  const [serverUrl, setServerUrl] = useState(props.status?.serverUrl ?? 'http://127.0.0.1:8787');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = (await browser.runtime.sendMessage({ type: 'login', serverUrl, username, password })) as { ok?: boolean; error?: string };
    setBusy(false);
    if (r?.error) setError(r.error);
    else props.onChange();
  }

  return (
    <form class="sign-in" onSubmit={submit} aria-label="Đăng nhập / Sign in">
      <label>
        Máy chủ <span class="en">Server</span>
        <input name="serverUrl" type="url" required value={serverUrl} onInput={(e) => setServerUrl(e.currentTarget.value)} />
      </label>
      <label>
        Tên đăng nhập <span class="en">Username</span>
        <input name="username" autocomplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
      </label>
      <label>
        Mật khẩu <span class="en">Password</span>
        <input
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        Đăng nhập <span class="en">Sign in</span>
      </button>
    </form>
  );
}

export function useStatus() {
  const [status, setStatus] = useState<StatusReply | null>(null);
  const refresh = () => void (browser.runtime.sendMessage({ type: 'status' }) as Promise<StatusReply>).then(setStatus);
  return { status, refresh };
}
