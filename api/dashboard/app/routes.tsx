import { periodFromQuery, periodParams } from './components/period-picker.tsx';
import { Link } from './components/link.tsx';
import { useI18n } from './i18n/i18n.tsx';
import { href, match, navigate, type Location } from './lib/router.ts';
import type { Period } from './lib/period.ts';
import type { Me } from './lib/types.ts';
import { UnitsScreen } from './screens/overview/units-screen.tsx';
import { UnitOfficialsScreen } from './screens/drill/unit-officials-screen.tsx';
import { OfficialDossiersScreen } from './screens/drill/official-dossiers-screen.tsx';
import { DossierScreen } from './screens/drill/dossier-screen.tsx';
import { AdminUnitsScreen } from './screens/admin/units-admin.tsx';
import { AdminOfficialsScreen } from './screens/admin/officials-admin.tsx';
import { AdminProceduresScreen } from './screens/admin/procedures-admin.tsx';
import { AdminCalendarsScreen } from './screens/admin/calendars-admin.tsx';
import { AdminProfilesScreen } from './screens/admin/profiles-admin.tsx';
import { AdminRulesScreen } from './screens/admin/rules-admin.tsx';
import { ReconcileScreen } from './screens/reconcile/reconcile-screen.tsx';
import { ExplanationsScreen } from './screens/evaluation/explanations-screen.tsx';
import { SheetsScreen } from './screens/evaluation/sheets-screen.tsx';
import { ReadsPanel } from './screens/evaluation/reads-panel.tsx';

const ADMIN_SCREENS: Record<string, () => preact.JSX.Element> = {
  '/admin/units': () => <AdminUnitsScreen />,
  '/admin/officials': () => <AdminOfficialsScreen />,
  '/admin/procedures': () => <AdminProceduresScreen />,
  '/admin/calendars': () => <AdminCalendarsScreen />,
  '/admin/profiles': () => <AdminProfilesScreen />,
  '/admin/rules': () => <AdminRulesScreen />,
};

/** Which screen the address names; the period travels in the query so drill-downs keep it. */
export function Routes(props: { loc: Location; me: Me }) {
  const { t } = useI18n();
  const { path, query } = props.loc;
  const { period, previous } = periodFromQuery(query);
  // Changing the period replaces the address instead of stacking history entries per click.
  const onPeriod = (p: Period) => {
    const q = new URLSearchParams(query);
    for (const k of ['period', 'from', 'to']) q.delete(k);
    for (const [k, v] of Object.entries(periodParams(p))) if (v) q.set(k, v);
    navigate(`${href(path)}?${q}`, { replace: true });
  };
  const back = {
    params: periodParams(period),
    unit: query.get('unit') ?? undefined,
    official: query.get('official') ?? undefined,
    name: query.get('name') ?? undefined,
  };

  if (path === '/') return <UnitsScreen period={period} previous={previous} onPeriod={onPeriod} />;
  let m = match('/units/:unitId', path);
  if (m) return <UnitOfficialsScreen unitId={m.unitId!} period={period} previous={previous} onPeriod={onPeriod} />;
  m = match('/units/:unitId/officials/:officialId', path);
  if (m) return <OfficialDossiersScreen unitId={m.unitId!} officialId={m.officialId!} name={query.get('name')} period={period} />;
  m = match('/dossiers/:code', path);
  if (m) return <DossierScreen code={m.code!} back={back} />;
  if (path === '/reconcile') return <ReconcileScreen me={props.me} />;
  if (path === '/explanations') return <ExplanationsScreen me={props.me} />;
  if (path === '/sheets') return <SheetsScreen me={props.me} />;
  if (path === '/reads') return <ReadsPanel />;
  const admin = ADMIN_SCREENS[path];
  if (admin && props.me.role === 'admin') return admin();
  return (
    <>
      <h1>{t('notFoundTitle')}</h1>
      <p>
        <Link href={href('/')}>{t('backToOverview')}</Link>
      </p>
    </>
  );
}
