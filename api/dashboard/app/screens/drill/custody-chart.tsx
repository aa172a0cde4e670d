import { useMemo } from 'preact/hooks';
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { ChartCanvas, PALETTE } from '../../components/chart-canvas.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatDateTime, formatHours } from '../../../../../shared/format/format.ts';
import type { Pause, Segment } from '../../lib/types.ts';

type Bar = { x: [number, number]; y: string; working: number | null; active: number | null; step: string | null };

const holderName = (s: Segment) => s.holder.displayName ?? s.holder.id;

/**
 * Custody as a Gantt chart: one row per holder, a floating bar per segment from hand-over to
 * hand-over, and a row for the supplement pauses. Open segments run to now.
 */
export function CustodyChart(props: { segments: Segment[]; pauses: Pause[]; now: number }) {
  const { t, lang } = useI18n();
  const config = useMemo<ChartConfiguration>(() => {
    const end = (to: string | null) => (to ? Date.parse(to) : props.now);
    const bars: Bar[] = props.segments
      .filter((s) => s.from)
      .map((s) => ({
        x: [Date.parse(s.from!), end(s.to)],
        y: holderName(s),
        working: s.workingHours,
        active: s.activeHours,
        step: s.stepLabel ?? s.step,
      }));
    const pausedRow = t('paused');
    const pauses: Bar[] = props.pauses
      .filter((p) => p.from)
      .map((p) => ({ x: [Date.parse(p.from!), end(p.to)], y: pausedRow, working: p.workingHours, active: null, step: null }));
    const holders = [...new Set(bars.map((b) => b.y))];
    const all = [...bars, ...pauses];
    const min = Math.min(...all.map((b) => b.x[0]));
    const max = Math.max(...all.map((b) => b.x[1]));
    const label = (item: TooltipItem<'bar'>) => {
      const b = item.raw as Bar;
      const span = `${formatDateTime(b.x[0])} – ${formatDateTime(b.x[1])}`;
      const working = `${t('workingTime')}: ${formatHours(b.working, lang)}`;
      const active = b.active === null ? '' : `; ${t('activeTime')}: ${formatHours(b.active, lang)}`;
      return `${b.step ? `${b.step}: ` : ''}${span}; ${working}${active}`;
    };
    return {
      type: 'bar',
      data: {
        labels: pauses.length ? [...holders, pausedRow] : holders,
        datasets: [
          { label: t('custodyTitle'), data: bars as never, backgroundColor: PALETTE[0], borderSkipped: false, barPercentage: 0.6 },
          { label: t('paused'), data: pauses as never, backgroundColor: PALETTE[1], borderSkipped: false, barPercentage: 0.6 },
        ],
      },
      options: {
        indexAxis: 'y',
        parsing: { xAxisKey: 'x', yAxisKey: 'y' },
        plugins: { tooltip: { callbacks: { label } } },
        scales: {
          x: { type: 'linear', min, max, ticks: { maxTicksLimit: 6, callback: (v) => formatDateTime(Number(v)) } },
          y: { stacked: true },
        },
      },
    } as ChartConfiguration;
  }, [props.segments, props.pauses, props.now, lang]);
  const rows = new Set(props.segments.map(holderName)).size + (props.pauses.length ? 1 : 0);
  return <ChartCanvas config={config} label={t('custodyChartAria')} height={Math.max(160, 60 + rows * 44)} testId="custody-chart" />;
}
