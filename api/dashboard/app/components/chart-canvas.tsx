import { useEffect, useRef } from 'preact/hooks';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useI18n } from '../i18n/i18n.tsx';

// Only what the dashboard draws, so the bundle carries no unused chart types.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend, Filler);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';
Chart.defaults.color = '#1f2933';

/** Colours with enough contrast on white and apart from each other for common colour blindness. */
export const PALETTE = ['#1d4ed8', '#b45309', '#047857', '#b91c1c', '#6d28d9', '#0e7490', '#a21caf', '#4d7c0f'];

/**
 * A chart.js chart in a canvas marked as one image with a description; the numbers behind every
 * chart are also in a table next to it, which is what assistive technology reads.
 */
export function ChartCanvas(props: { config: ChartConfiguration; label: string; height?: number; testId?: string }) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      ...props.config,
      options: { responsive: true, maintainAspectRatio: false, animation: false, ...props.config.options },
    });
    return () => chart.destroy();
  }, [props.config]);
  return (
    <div class="chart-box" style={{ height: `${props.height ?? 260}px` }}>
      <canvas ref={canvas} role="img" aria-label={props.label} data-testid={props.testId}>
        {t('chartFallback')}
      </canvas>
    </div>
  );
}
