import type { Column } from '../../components/data-table.tsx';
import type { Lang, Translate } from '../../i18n/i18n.tsx';
import { api, query } from '../../lib/api-client.ts';
import { formatShare } from '../../../../../shared/format/format.ts';
import type { ReconcileResult } from '../../../../../shared/contract/reconcile.ts';

/**
 * Each official's coverage over a period (share of their actions in the back-office's log the
 * extension saw), to show beside their figures; empty when no log was imported or the caller
 * may not read it.
 */
export async function coverageOf(unitId: string, span: { from: string; to: string }): Promise<Map<string, number | null>> {
  try {
    const r = await api<ReconcileResult>(`/v1/reconcile${query({ unitId, from: span.from, to: span.to, limit: 1 })}`);
    return new Map(r.coverage.filter((c) => c.officialId !== null).map((c) => [c.officialId!, c.coverage]));
  } catch {
    return new Map();
  }
}

export function coverageColumn<R extends { officialId: string }>(
  t: Translate,
  lang: Lang,
  coverage: ReadonlyMap<string, number | null> | undefined,
): Column<R> {
  return {
    key: 'coverage',
    header: t('colCoverage'),
    numeric: true,
    value: (o) => coverage?.get(o.officialId) ?? null,
    cell: (o) => <span title={t('coverageHelp')}>{formatShare(coverage?.get(o.officialId) ?? null, lang)}</span>,
  };
}
