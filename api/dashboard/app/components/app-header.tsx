import { useI18n, type MessageKey } from '../i18n/i18n.tsx';
import { href } from '../lib/router.ts';
import type { Me } from '../lib/types.ts';
import { Link } from './link.tsx';

const ADMIN_LINKS: { path: string; label: MessageKey }[] = [
  { path: '/admin/units', label: 'navUnits' },
  { path: '/admin/officials', label: 'navOfficials' },
  { path: '/admin/procedures', label: 'navProcedures' },
  { path: '/admin/calendars', label: 'navCalendars' },
  { path: '/admin/profiles', label: 'navProfiles' },
  { path: '/admin/rules', label: 'navRules' },
];

const EVALUATION_LINKS: { path: string; label: MessageKey }[] = [
  { path: '/explanations', label: 'navExplanations' },
  { path: '/sheets', label: 'navSheets' },
  { path: '/reads', label: 'readsTitle' },
];

/** Banner with the product, the main navigation, the language switch and the signed-in official. */
export function AppHeader(props: { me: Me; path: string; onSignOut: () => void }) {
  const { t, lang, setLang } = useI18n();
  const current = (p: string) =>
    p === '/' ? props.path === '/' || props.path.startsWith('/units') || props.path.startsWith('/dossiers') : props.path.startsWith(p);
  return (
    <header class="app-header">
      <div class="bar">
        <Link href={href('/')} class="brand">
          {t('brand')}
        </Link>
        <div class="account">
          <span>{t('signedInAs', { name: props.me.displayName })}</span>
          <button type="button" class="secondary" lang={lang === 'vi' ? 'en' : 'vi'} onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}>
            {t('switchLanguage')}
          </button>
          <button type="button" class="secondary" onClick={props.onSignOut}>
            {t('signOut')}
          </button>
        </div>
      </div>
      <nav aria-label={t('mainNav')} class="main-nav">
        <ul>
          <li>
            <Link href={href('/')} aria-current={current('/') ? 'page' : undefined}>
              {t('navOverview')}
            </Link>
          </li>
          <li>
            <Link href={href('/reconcile')} aria-current={current('/reconcile') ? 'page' : undefined}>
              {t('navReconcile')}
            </Link>
          </li>
          {props.me.role !== 'clerk' &&
            EVALUATION_LINKS.map((l) => (
              <li key={l.path}>
                <Link href={href(l.path)} aria-current={current(l.path) ? 'page' : undefined}>
                  {t(l.label)}
                </Link>
              </li>
            ))}
          {props.me.role === 'admin' &&
            ADMIN_LINKS.map((l) => (
              <li key={l.path}>
                <Link href={href(l.path)} aria-current={current(l.path) ? 'page' : undefined}>
                  {t(l.label)}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
    </header>
  );
}
