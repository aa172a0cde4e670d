import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { I18nContext, initialLang, rememberLang, translator, type Lang } from './i18n/i18n.tsx';
import { api, setUnauthenticatedHandler } from './lib/api-client.ts';
import { forgetOfficialNames } from './lib/official-names.ts';
import { useLocation } from './lib/router.ts';
import type { Me } from './lib/types.ts';
import { AppHeader } from './components/app-header.tsx';
import { Routes } from './routes.tsx';
import { SignInScreen } from './screens/sign-in-screen.tsx';
import { ReadsPanel } from './screens/evaluation/reads-panel.tsx';

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const i18n = useMemo(() => ({ lang, t: translator(lang), setLang: (l: Lang) => (rememberLang(l), setLangState(l)) }), [lang]);
  // undefined while the session is being checked, null when signed out.
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);
  const loc = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(loc.path);

  useEffect(() => {
    rememberLang(lang);
    // Registered once the first check is answered, so "not signed in yet" is not reported as "expired".
    const watch = () =>
      setUnauthenticatedHandler(() => {
        setMe(null);
        setExpired(true);
      });
    api<{ official: Me }>('/v1/auth/me').then(
      (r) => (setMe(r.official), watch()),
      () => (setMe(null), watch()),
    );
  }, []);

  // After in-app navigation, focus the new screen's heading so screen readers announce it.
  useEffect(() => {
    if (loc.path === firstPath.current) return;
    firstPath.current = loc.path;
    const h1 = mainRef.current?.querySelector('h1');
    if (h1) {
      h1.tabIndex = -1;
      h1.focus();
    }
  }, [loc.path]);

  useEffect(() => {
    const h1 = mainRef.current?.querySelector('h1')?.textContent;
    document.title = h1 ? `${h1} — ${i18n.t('brand')}` : i18n.t('appName');
  });

  async function signOut() {
    await api('/v1/auth/logout', { method: 'POST' }).catch(() => undefined);
    forgetOfficialNames();
    setExpired(false);
    setMe(null);
  }

  let body;
  if (me === undefined) body = <main id="main" aria-busy="true" />;
  else if (me === null)
    body = (
      <SignInScreen
        expired={expired}
        onSignedIn={(m) => {
          setExpired(false);
          setMe(m);
        }}
      />
    );
  else
    body = (
      <>
        <a class="skip-link" href="#main">
          {i18n.t('skipToContent')}
        </a>
        <AppHeader me={me} path={loc.path} onSignOut={() => void signOut()} />
        <main id="main" ref={mainRef}>
          {me.role === 'clerk' ? (
            <>
              <h1>{i18n.t('appName')}</h1>
              <p class="notice">{i18n.t('clerkOnly')}</p>
              <ReadsPanel />
            </>
          ) : (
            <Routes loc={loc} me={me} />
          )}
        </main>
      </>
    );
  return <I18nContext.Provider value={i18n}>{body}</I18nContext.Provider>;
}
