import { useEffect, useState } from 'preact/hooks';
import { Breadcrumb } from '../../components/breadcrumb.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { ExportsPanel } from '../../components/exports-panel.tsx';
import { Link } from '../../components/link.tsx';
import { periodParams } from '../../components/period-picker.tsx';
import { Status } from '../../components/status.tsx';
import { labelOf, useI18n } from '../../i18n/i18n.tsx';
import { api, query } from '../../lib/api-client.ts';
import { formatDateTime, formatNumber } from '../../../../../shared/format/format.ts';
import type { Period } from '../../lib/period.ts';
import { href } from '../../lib/router.ts';
import type { DossierList, DossierSummary } from '../../lib/types.ts';
import { officialNames } from '../../lib/official-names.ts';
import { unitName } from '../../lib/unit-names.ts';
import { useLoad } from '../../lib/use-fetch.ts';

const PAGE = 50;

/** Drill-down step 3: the dossiers an official has held (now or before), most recently active first. */
export function OfficialDossiersScreen(props: { unitId: string; officialId: string; name: string | null; period: Period }) {
  const { t, lang } = useI18n();
  const { unitId, officialId, period } = props;
  const params = periodParams(period);
  const [extra, setExtra] = useState<DossierSummary[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const { data, error, loading, reload } = useLoad(`${unitId}/${officialId}`, async () => {
    const [unit, first, names] = await Promise.all([
      unitName(unitId),
      api<DossierList>(`/v1/dossiers${query({ officialId, limit: PAGE })}`),
      officialNames(),
    ]);
    return { unit, first, name: names.get(officialId) ?? null };
  });
  useEffect(() => {
    setExtra([]);
    setNext(data?.first.page.nextOffset ?? null);
  }, [data]);
  async function more() {
    if (next === null) return;
    const page = await api<DossierList>(`/v1/dossiers${query({ officialId, limit: PAGE, offset: next })}`);
    setExtra((e) => [...e, ...page.dossiers]);
    setNext(page.page.nextOffset);
  }
  const rows = [...(data?.first.dossiers ?? []), ...extra];
  // The link carries the name; an address typed or shared without it looks the name up.
  const name = props.name ?? data?.name ?? officialId;
  const columns: Column<DossierSummary>[] = [
    {
      key: 'code',
      header: t('colCode'),
      value: (d) => d.code,
      cell: (d) => (
        <Link href={href(`/dossiers/${encodeURIComponent(d.code)}`, { ...params, unit: unitId, official: officialId, name })}>
          {d.code}
        </Link>
      ),
    },
    { key: 'procedure', header: t('colProcedure'), value: (d) => d.procedureCode, cell: (d) => <code>{d.procedureCode ?? '—'}</code> },
    { key: 'received', header: t('colReceivedAt'), value: (d) => formatDateTime(d.receivedAt) },
    { key: 'appointment', header: t('colAppointment'), value: (d) => formatDateTime(d.effectiveAppointmentAt ?? d.appointmentAt) },
    { key: 'finished', header: t('colFinishedAt'), value: (d) => formatDateTime(d.finishedAt) },
    { key: 'timeliness', header: t('colTimeliness'), value: (d) => labelOf(t, 'timeliness', d.timeliness) },
    { key: 'step', header: t('colCurrentStep'), value: (d) => d.currentStep ?? '—' },
    { key: 'supplements', header: t('colSupplements'), numeric: true, value: (d) => d.supplementRequests },
    { key: 'flags', header: t('colOpenFlags'), numeric: true, value: (d) => d.openFlags, cell: (d) => formatNumber(d.openFlags, lang) },
  ];
  const title = t('dossiersTitle', { name });
  return (
    <>
      <Breadcrumb
        items={[
          { label: t('navOverview'), href: href('/', params) },
          { label: data?.unit ?? unitId, href: href(`/units/${encodeURIComponent(unitId)}`, params) },
          { label: name },
        ]}
      />
      <h1>{title}</h1>
      <Status loading={loading} error={error} onRetry={reload} />
      {data && (
        <>
          <section aria-labelledby="dossiers-title">
            <h2 id="dossiers-title">{t('dossiersTable')}</h2>
            <DataTable
              caption={title}
              columns={columns}
              rows={rows}
              rowKey={(d) => d.code}
              csvName="dossiers"
              csvSuffix={name}
              testId="dossiers-table"
            />
            <p class="paging">
              {t('shownOf', { shown: rows.length, total: data.first.page.total })}{' '}
              {next !== null && (
                <button type="button" class="secondary" onClick={() => void more()}>
                  {t('more')}
                </button>
              )}
            </p>
          </section>
          <ExportsPanel
            from={period.from}
            to={period.to}
            unitId={unitId}
            tables={[{ label: t('dossiersTable'), path: 'dossiers.csv', params: { officialId } }]}
          />
        </>
      )}
    </>
  );
}
