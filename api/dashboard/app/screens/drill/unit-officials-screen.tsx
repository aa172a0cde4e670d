import { Breadcrumb } from '../../components/breadcrumb.tsx';
import { DataTable, type Column } from '../../components/data-table.tsx';
import { WithDelta } from '../../components/delta.tsx';
import { ExportsPanel } from '../../components/exports-panel.tsx';
import { Link } from '../../components/link.tsx';
import { PeriodPicker, periodParams } from '../../components/period-picker.tsx';
import { Status } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { api, query } from '../../lib/api-client.ts';
import { formatHours, formatNumber } from '../../../../../shared/format/format.ts';
import type { Period, Span } from '../../lib/period.ts';
import { href } from '../../lib/router.ts';
import type { OfficialStats, UnitOfficialsResponse } from '../../lib/types.ts';
import { unitName } from '../../lib/unit-names.ts';
import { useLoad } from '../../lib/use-fetch.ts';
import { RuleList, rulesText } from '../overview/unit-columns.tsx';
import { coverageColumn, coverageOf } from '../reconcile/coverage-column.tsx';

const officialsOf = (unitId: string, s: Span) =>
  api<UnitOfficialsResponse>(`/v1/stats/units/${encodeURIComponent(unitId)}/officials${query({ from: s.from, to: s.to })}`);

/** Drill-down step 2: the officials of one unit, with the same period and comparison. */
export function UnitOfficialsScreen(props: { unitId: string; period: Period; previous: Span; onPeriod: (p: Period) => void }) {
  const { t, lang } = useI18n();
  const { unitId, period, previous } = props;
  const params = periodParams(period);
  const { data, error, loading, reload } = useLoad(`${unitId}/${period.from}/${period.to}/${previous.from}`, async () => {
    const [name, current, before, coverage] = await Promise.all([
      unitName(unitId),
      officialsOf(unitId, period),
      officialsOf(unitId, previous),
      coverageOf(unitId, period),
    ]);
    return { name, current, before: new Map(before.officials.map((o) => [o.officialId, o])), coverage };
  });
  const prev = (o: OfficialStats) => data?.before.get(o.officialId);
  const hours = (k: 'workingHours' | 'activeHours' | 'p50Hours' | 'p90Hours', header: string): Column<OfficialStats> => ({
    key: k,
    header,
    numeric: true,
    value: (o) => o[k],
    cell: (o) => <WithDelta shown={formatHours(o[k], lang)} now={o[k]} before={prev(o)?.[k]} kind="hours" />,
  });
  const columns: Column<OfficialStats>[] = [
    {
      key: 'official',
      header: t('colOfficial'),
      value: (o) => o.displayName,
      cell: (o) => (
        <Link
          href={href(`/units/${encodeURIComponent(unitId)}/officials/${encodeURIComponent(o.officialId)}`, {
            ...params,
            name: o.displayName,
          })}
        >
          {o.displayName}
        </Link>
      ),
    },
    { key: 'username', header: t('colUsername'), value: (o) => o.username },
    // How much of their work the extension saw: a low figure is never read without it (README, "Coverage").
    coverageColumn<OfficialStats>(t, lang, data?.coverage),
    {
      key: 'segments',
      header: t('colSegments'),
      numeric: true,
      value: (o) => o.segments,
      cell: (o) => <WithDelta shown={formatNumber(o.segments, lang)} now={o.segments} before={prev(o)?.segments} kind="count" />,
    },
    hours('workingHours', t('colWorkingHours')),
    hours('activeHours', t('colActiveHours')),
    hours('p50Hours', t('colP50')),
    hours('p90Hours', t('colP90')),
    {
      key: 'flags',
      header: t('colOpenFlags'),
      value: (o) => o.openFlags.total,
      cell: (o) => (
        <>
          {formatNumber(o.openFlags.total, lang)}
          <RuleList flags={o.openFlags} />
        </>
      ),
    },
    { key: 'byRule', header: t('colByRule'), value: (o) => rulesText(t, o.openFlags), csvOnly: true },
  ];
  const title = t('officialsTitle', { unit: data?.name ?? unitId });
  return (
    <>
      <Breadcrumb items={[{ label: t('navOverview'), href: href('/', params) }, { label: data?.name ?? unitId }]} />
      <h1>{title}</h1>
      <PeriodPicker period={period} previous={previous} onChange={props.onPeriod} />
      <Status loading={loading} error={error} onRetry={reload} />
      {data && (
        <>
          <section aria-labelledby="officials-title">
            <h2 id="officials-title">{t('officialsTable')}</h2>
            <DataTable
              caption={title}
              columns={columns}
              rows={data.current.officials}
              rowKey={(o) => o.officialId}
              csvName="officials"
              csvSuffix={`${unitId}_${period.from}_${period.to}`}
              testId="officials-table"
            />
          </section>
          <ExportsPanel
            from={period.from}
            to={period.to}
            unitId={unitId}
            tables={[{ label: t('officialsTable'), path: 'unit-officials.csv', params: { unitId, from: period.from, to: period.to } }]}
          />
        </>
      )}
    </>
  );
}
