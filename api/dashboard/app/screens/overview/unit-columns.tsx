import { Link } from '../../components/link.tsx';
import { WithDelta } from '../../components/delta.tsx';
import type { Column } from '../../components/data-table.tsx';
import { labelOf, useI18n, type Lang, type Translate } from '../../i18n/i18n.tsx';
import { formatHours, formatNumber, formatShare } from '../../../../../shared/format/format.ts';
import { href } from '../../lib/router.ts';
import type { OpenFlags, StepFigures, UnitStats } from '../../lib/types.ts';

type Ctx = { t: Translate; lang: Lang; previous: Map<string, UnitStats>; params: Record<string, string | undefined> };

/** "Quá hạn 2 · Để lâu không xử lý 1". */
export function rulesText(t: Translate, flags: OpenFlags): string {
  const parts = Object.entries(flags.byRule)
    .sort((a, b) => b[1] - a[1])
    .map(([rule, n]) => `${labelOf(t, 'rule', rule)} ${n}`);
  return parts.length ? parts.join(' · ') : '—';
}

/** The open flags of a row by rule, as a short list under the total. */
export function RuleList(props: { flags: OpenFlags }) {
  const { t } = useI18n();
  const rules = Object.entries(props.flags.byRule).sort((a, b) => b[1] - a[1]);
  if (!rules.length) return null;
  return (
    <ul class="rule-list">
      {rules.map(([rule, n]) => (
        <li key={rule}>
          {labelOf(t, 'rule', rule)}: {n}
        </li>
      ))}
    </ul>
  );
}

export function unitColumns({ t, lang, previous, params }: Ctx): Column<UnitStats>[] {
  const prev = (u: UnitStats) => previous.get(u.unitId);
  const share = (k: 'early' | 'onTime' | 'late', header: string): Column<UnitStats> => ({
    key: k,
    header,
    numeric: true,
    value: (u) => u.timeliness.shares?.[k] ?? null,
    cell: (u) => (
      <WithDelta
        shown={formatShare(u.timeliness.shares?.[k], lang)}
        now={u.timeliness.shares?.[k]}
        before={prev(u)?.timeliness.shares?.[k]}
        kind="points"
      />
    ),
  });
  const hours = (k: 'p50Hours' | 'p90Hours', header: string): Column<UnitStats> => ({
    key: k,
    header,
    numeric: true,
    value: (u) => u[k],
    cell: (u) => <WithDelta shown={formatHours(u[k], lang)} now={u[k]} before={prev(u)?.[k]} kind="hours" />,
  });
  return [
    {
      key: 'unit',
      header: t('colUnit'),
      value: (u) => u.name ?? u.unitId,
      cell: (u) => (
        <Link href={href(`/units/${encodeURIComponent(u.unitId)}`, params)}>
          {u.name ?? u.unitId}
          <span class="sub">{u.unitId}</span>
        </Link>
      ),
    },
    { key: 'unitId', header: t('colUnitId'), value: (u) => u.unitId, csvOnly: true },
    {
      key: 'received',
      header: t('colReceived'),
      numeric: true,
      value: (u) => u.received,
      cell: (u) => <WithDelta shown={formatNumber(u.received, lang)} now={u.received} before={prev(u)?.received} kind="count" />,
    },
    {
      key: 'handled',
      header: t('colHandled'),
      numeric: true,
      value: (u) => u.finished,
      cell: (u) => <WithDelta shown={formatNumber(u.finished, lang)} now={u.finished} before={prev(u)?.finished} kind="count" />,
    },
    share('early', t('colEarly')),
    share('onTime', t('colOnTime')),
    share('late', t('colLate')),
    hours('p50Hours', t('colP50')),
    hours('p90Hours', t('colP90')),
    {
      key: 'flags',
      header: t('colOpenFlags'),
      value: (u) => u.openFlags.total,
      cell: (u) => (
        <>
          <WithDelta shown={formatNumber(u.openFlags.total, lang)} now={u.openFlags.total} before={prev(u)?.openFlags.total} kind="count" />
          <RuleList flags={u.openFlags} />
        </>
      ),
    },
    { key: 'byRule', header: t('colByRule'), value: (u) => rulesText(t, u.openFlags), csvOnly: true },
  ];
}

export type StepRow = StepFigures & { unitId: string; unitName: string; before: StepFigures | undefined };

export function stepRows(units: UnitStats[], previous: Map<string, UnitStats>): StepRow[] {
  return units.flatMap((u) =>
    u.steps.map((s) => ({
      ...s,
      unitId: u.unitId,
      unitName: u.name ?? u.unitId,
      before: previous.get(u.unitId)?.steps.find((p) => p.step === s.step),
    })),
  );
}

export function stepColumns({ t, lang }: Pick<Ctx, 't' | 'lang'>): Column<StepRow>[] {
  const hours = (k: 'p50Hours' | 'p90Hours' | 'workingHours', header: string): Column<StepRow> => ({
    key: k,
    header,
    numeric: true,
    value: (r) => r[k],
    cell: (r) => <WithDelta shown={formatHours(r[k], lang)} now={r[k]} before={r.before?.[k]} kind="hours" />,
  });
  return [
    { key: 'unit', header: t('colUnit'), value: (r) => r.unitName },
    { key: 'step', header: t('colStep'), value: (r) => r.step || '—', cell: (r) => <code>{r.step || '—'}</code> },
    {
      key: 'segments',
      header: t('colSegments'),
      numeric: true,
      value: (r) => r.segments,
      cell: (r) => <WithDelta shown={formatNumber(r.segments, lang)} now={r.segments} before={r.before?.segments} kind="count" />,
    },
    hours('workingHours', t('colWorkingHours')),
    hours('p50Hours', t('colP50')),
    hours('p90Hours', t('colP90')),
  ];
}
