import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/i18n.tsx';
import { api } from '../lib/api-client.ts';
import type { Me } from '../lib/types.ts';

/** Cookie sign-in: the API sets `dp_session` (HttpOnly, SameSite=Strict); the page never sees the token. */
export function SignInScreen(props: { expired: boolean; onSignedIn: (me: Me) => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ official: Me }>('/v1/auth/login', { body: { username, password } });
      props.onSignedIn(r.official);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" class="sign-in-page">
      <h1>{t('appName')}</h1>
      <form class="card sign-in" onSubmit={submit} aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">{t('signInTitle')}</h2>
        <p>{t('signInIntro')}</p>
        {props.expired && (
          <p class="notice" role="status">
            {t('sessionExpired')}
          </p>
        )}
        <label>
          {t('username')}
          <input name="username" autocomplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
        <label>
          {t('password')}
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
          <p role="alert" class="notice notice-error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('signingIn') : t('signInButton')}
        </button>
      </form>
    </main>
  );
}
