import { useMemo } from 'preact/hooks';
import { DataTable } from '../../components/data-table.tsx';
import { ExportsPanel } from '../../components/exports-panel.tsx';
import { PeriodPicker, periodParams } from '../../components/period-picker.tsx';
import { Status } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Period, Span } from '../../lib/period.ts';
import type { UnitStats } from '../../lib/types.ts';
import { ChartsSection } from './charts-section.tsx';
import { stepColumns, stepRows, unitColumns } from './unit-columns.tsx';
import { flagsByRule, useOverviewData } from './use-overview-data.ts';

/** The first screen: every unit in scope for the period, against the previous one, then charts and exports. */
export function UnitsScreen(props: { period: Period; previous: Span; onPeriod: (p: Period) => void }) {
  const { t, lang } = useI18n();
  const { period, previous } = props;
  const { data, error, loading, reload } = useOverviewData(period, previous);
  const params = periodParams(period);
  const prevByUnit = useMemo(() => new Map((data?.previous.units ?? []).map((u) => [u.unitId, u])), [data]);
  const steps = useMemo(() => (data ? stepRows(data.current.units, prevByUnit) : []), [data, prevByUnit]);
  const suffix = `${period.from}_${period.to}`;
  return (
    <>
      <h1>{t('overviewTitle')}</h1>
      <PeriodPicker period={period} previous={previous} onChange={props.onPeriod} />
      <Status loading={loading} error={error} onRetry={reload} />
      {data && (
        <>
          <section aria-labelledby="units-title">
            <h2 id="units-title">{t('unitsTable')}</h2>
            <DataTable<UnitStats>
              caption={t('unitsTable')}
              columns={unitColumns({ t, lang, previous: prevByUnit, params })}
              rows={data.current.units}
              rowKey={(u) => u.unitId}
              csvName="units"
              csvSuffix={suffix}
              testId="units-table"
            />
          </section>
          <section aria-labelledby="steps-title">
            <h2 id="steps-title">{t('stepsTable')}</h2>
            <DataTable
              caption={t('stepsTable')}
              columns={stepColumns({ t, lang })}
              rows={steps}
              rowKey={(r) => `${r.unitId}/${r.step}`}
              csvName="steps"
              csvSuffix={suffix}
            />
          </section>
          <ChartsSection steps={steps} trend={data.trend} flags={flagsByRule(data.current)} suffix={suffix} />
          <ExportsPanel
            from={period.from}
            to={period.to}
            tables={[
              { label: t('unitsTable'), path: 'units.csv', params: { from: period.from, to: period.to } },
              { label: t('flagsTable'), path: 'flags.csv', params: {} },
            ]}
          />
        </>
      )}
    </>
  );
}
