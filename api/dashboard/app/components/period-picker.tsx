import { useEffect, useState } from 'preact/hooks';
import { useI18n, type MessageKey } from '../i18n/i18n.tsx';
import { dayToDisplay, displayToDay } from '../../../../shared/format/format.ts';
import { previousPeriod, resolvePeriod, todayLocal, type Period, type PeriodKind, type Span } from '../lib/period.ts';

const KINDS: { kind: PeriodKind; label: MessageKey }[] = [
  { kind: 'week', label: 'periodWeek' },
  { kind: 'month', label: 'periodMonth' },
  { kind: 'quarter', label: 'periodQuarter' },
  { kind: 'custom', label: 'periodCustom' },
];

/** The period lives in the address (`?period=custom&from=…&to=…`), so a drill-down link keeps it. */
export function periodFromQuery(q: URLSearchParams): { period: Period; previous: Span } {
  const kind = (['week', 'month', 'quarter', 'custom'] as const).find((k) => k === q.get('period')) ?? 'month';
  const from = q.get('from');
  const to = q.get('to');
  const ok = (d: string | null) => !!d && /^\d{4}-\d{2}-\d{2}$/.test(d);
  const period =
    kind === 'custom' && ok(from) && ok(to) && from! <= to!
      ? resolvePeriod('custom', todayLocal(), { from: from!, to: to! })
      : resolvePeriod(kind === 'custom' ? 'month' : kind, todayLocal());
  return { period, previous: previousPeriod(period) };
}

export function periodParams(p: Period): Record<string, string | undefined> {
  return p.kind === 'custom' ? { period: 'custom', from: p.from, to: p.to } : { period: p.kind };
}

/**
 * Radio buttons for the preset periods; custom dates are typed as dd/mm/yyyy (a native date
 * input shows the browser's own format, which may not be the Vietnamese one).
 */
export function PeriodPicker(props: { period: Period; previous: Span; onChange: (p: Period) => void }) {
  const { t } = useI18n();
  const { period } = props;
  const [kind, setKind] = useState<PeriodKind>(period.kind);
  const [from, setFrom] = useState(dayToDisplay(period.from));
  const [to, setTo] = useState(dayToDisplay(period.to));
  const [bad, setBad] = useState(false);
  useEffect(() => {
    setKind(period.kind);
    setFrom(dayToDisplay(period.from));
    setTo(dayToDisplay(period.to));
  }, [period.kind, period.from, period.to]);

  function choose(k: PeriodKind) {
    setKind(k);
    setBad(false);
    if (k !== 'custom') props.onChange(resolvePeriod(k, todayLocal()));
  }
  function apply(e: Event) {
    e.preventDefault();
    const f = displayToDay(from);
    const tt = displayToDay(to);
    if (!f || !tt || f > tt) return setBad(true);
    setBad(false);
    props.onChange({ kind: 'custom', from: f, to: tt });
  }

  return (
    <form class="period-picker" onSubmit={apply}>
      <fieldset>
        <legend>{t('periodLegend')}</legend>
        <div class="segmented">
          {KINDS.map((k) => (
            <label key={k.kind} class={kind === k.kind ? 'checked' : undefined}>
              <input type="radio" name="period" value={k.kind} checked={kind === k.kind} onChange={() => choose(k.kind)} />
              {t(k.label)}
            </label>
          ))}
        </div>
        {kind === 'custom' && (
          <div class="custom-dates">
            <label>
              {t('periodFrom')}
              <input
                name="from"
                inputMode="numeric"
                placeholder="dd/mm/yyyy"
                value={from}
                aria-invalid={bad}
                aria-describedby={bad ? 'period-error' : undefined}
                onInput={(e) => setFrom(e.currentTarget.value)}
              />
            </label>
            <label>
              {t('periodTo')}
              <input
                name="to"
                inputMode="numeric"
                placeholder="dd/mm/yyyy"
                value={to}
                aria-invalid={bad}
                aria-describedby={bad ? 'period-error' : undefined}
                onInput={(e) => setTo(e.currentTarget.value)}
              />
            </label>
            <button type="submit">{t('periodApply')}</button>
          </div>
        )}
        {bad && (
          <p id="period-error" role="alert" class="notice notice-error">
            {t('periodBadDate')}
          </p>
        )}
      </fieldset>
      <p class="period-summary" data-testid="period-summary">
        {t('periodSummary', {
          from: dayToDisplay(period.from),
          to: dayToDisplay(period.to),
          pfrom: dayToDisplay(props.previous.from),
          pto: dayToDisplay(props.previous.to),
        })}
      </p>
    </form>
  );
}
