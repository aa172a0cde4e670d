import { useMemo } from 'preact/hooks';
import type { ChartConfiguration } from 'chart.js';
import { ChartCanvas, PALETTE } from '../../components/chart-canvas.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { labelOf, useI18n } from '../../i18n/i18n.tsx';
import { dayToDisplay, formatNumber, formatShare } from '../../../../../shared/format/format.ts';
import type { StepRow } from './unit-columns.tsx';
import type { WeekPoint } from './use-overview-data.ts';

/** Step rows with the most hand-offs first; a chart with dozens of bars is unreadable. */
const MAX_STEP_BARS = 12;

export function ChartsSection(props: { steps: StepRow[]; trend: WeekPoint[]; flags: { rule: string; count: number }[]; suffix: string }) {
  const { t, lang } = useI18n();
  const steps = useMemo(
    () =>
      [...props.steps]
        .filter((s) => s.segments > 0)
        .sort((a, b) => b.segments - a.segments)
        .slice(0, MAX_STEP_BARS),
    [props.steps],
  );
  const manyUnits = new Set(steps.map((s) => s.unitId)).size > 1;
  const stepLabel = (s: StepRow) => (manyUnits ? `${s.step || '—'} · ${s.unitName}` : s.step || '—');

  const stepsConfig = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: steps.map(stepLabel),
        datasets: [
          { label: t('colP50'), data: steps.map((s) => s.p50Hours ?? 0), backgroundColor: PALETTE[0] },
          { label: t('colMean'), data: steps.map((s) => (s.segments ? s.workingHours / s.segments : 0)), backgroundColor: PALETTE[2] },
          { label: t('colP90'), data: steps.map((s) => s.p90Hours ?? 0), backgroundColor: PALETTE[1] },
        ],
      },
      // Horizontal bars: step and unit names read on one line instead of slanting under the axis.
      options: { indexAxis: 'y', scales: { x: { beginAtZero: true, title: { display: true, text: t('colWorkingHours') } } } },
    }),
    [steps, lang],
  );
  const trendConfig = useMemo<ChartConfiguration>(
    () => ({
      type: 'line',
      data: {
        labels: props.trend.map((w) => dayToDisplay(w.week).slice(0, 5)),
        datasets: [
          {
            label: t('colLateShare'),
            data: props.trend.map((w) => (w.lateShare === null ? null : w.lateShare * 100)),
            borderColor: PALETTE[3],
            backgroundColor: PALETTE[3],
            spanGaps: true,
          },
        ],
      },
      options: { scales: { y: { beginAtZero: true, suggestedMax: 100, title: { display: true, text: '%' } } } },
    }),
    [props.trend, lang],
  );
  const flagsConfig = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: props.flags.map((f) => labelOf(t, 'rule', f.rule)),
        datasets: [{ label: t('colCount'), data: props.flags.map((f) => f.count), backgroundColor: PALETTE[4] }],
      },
      options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
    }),
    [props.flags, lang],
  );

  return (
    <section aria-labelledby="charts-title" class="charts">
      <h2 id="charts-title">{t('chartsTitle')}</h2>
      <div class="chart-grid">
        <figure class="wide">
          <figcaption>{t('chartSteps')}</figcaption>
          <ChartCanvas
            config={stepsConfig}
            label={t('chartStepsAria')}
            height={Math.max(220, 80 + steps.length * 48)}
            testId="chart-steps"
          />
        </figure>
        <figure>
          <figcaption>{t('chartTrend')}</figcaption>
          <ChartCanvas config={trendConfig} label={t('chartTrendAria')} testId="chart-trend" />
          <DataTable
            caption={t('trendTable')}
            csvName="weekly-late-share"
            csvSuffix={props.suffix}
            rows={props.trend}
            rowKey={(w) => w.week}
            columns={[
              { key: 'week', header: t('colWeek'), value: (w) => dayToDisplay(w.week) },
              { key: 'early', header: t('colEarly'), numeric: true, value: (w) => w.early },
              { key: 'onTime', header: t('colOnTime'), numeric: true, value: (w) => w.onTime },
              { key: 'late', header: t('colLate'), numeric: true, value: (w) => w.late },
              {
                key: 'share',
                header: t('colLateShare'),
                numeric: true,
                value: (w) => w.lateShare,
                cell: (w) => formatShare(w.lateShare, lang),
              },
            ]}
          />
        </figure>
        <figure>
          <figcaption>{t('chartFlags')}</figcaption>
          <ChartCanvas config={flagsConfig} label={t('chartFlagsAria')} testId="chart-flags" />
          <DataTable
            caption={t('flagsTable')}
            csvName="open-flags-by-rule"
            csvSuffix={props.suffix}
            rows={props.flags}
            rowKey={(f) => f.rule}
            columns={[
              { key: 'rule', header: t('colRule'), value: (f) => labelOf(t, 'rule', f.rule) },
              { key: 'count', header: t('colCount'), numeric: true, value: (f) => f.count, cell: (f) => formatNumber(f.count, lang) },
            ]}
          />
        </figure>
      </div>
    </section>
  );
}
