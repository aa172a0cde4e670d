import { useState } from 'preact/hooks';
import { DataTable } from '../../components/data-table.tsx';
import { Status } from '../../components/status.tsx';
import { Link } from '../../components/link.tsx';
import { labelOf, useI18n } from '../../i18n/i18n.tsx';
import { api, query } from '../../lib/api-client.ts';
import { displayToDay, formatDate, formatDateTime, formatNumber, formatShare } from '../../../../../shared/format/format.ts';
import { href } from '../../lib/router.ts';
import type { ReconcileResult } from '../../../../../shared/contract/reconcile.ts';

type Listed = ReconcileResult['matched'][number];
const slipHref = (code: string) => `/v1/reconcile/slips/${encodeURIComponent(code)}/print`;

/** Inspectors and admins: a unit and a period → the three lists, their counts, coverage per official. */
export function ReconcilePanel(props: { unitId: string }) {
  const { t, lang } = useI18n();
  const [unitId, setUnitId] = useState(props.unitId);
  const [from, setFrom] = useState(formatDate(Date.now() - 29 * 86_400_000));
  const [to, setTo] = useState(formatDate(Date.now()));
  const [data, setData] = useState<ReconcileResult | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(false);
  const load = async () => {
    const f = displayToDay(from);
    const tt = displayToDay(to);
    if (!f || !tt) return setError(new Error(t('badDay')));
    setLoading(true);
    setError(null);
    try {
      setData(await api<ReconcileResult>(`/v1/reconcile${query({ unitId, from: f, to: tt, limit: 500 })}`));
    } catch (e) {
      setError(e as Error);
    } finally {
      setLoading(false);
    }
  };
  const listColumns = [
    {
      key: 'code',
      header: t('factDossierCode'),
      value: (r: Listed) => r.dossierCode,
      cell: (r: Listed) => <Link href={href(`/dossiers/${r.dossierCode}`)}>{r.dossierCode}</Link>,
    },
    { key: 'action', header: t('colActionKind'), value: (r: Listed) => labelOf(t, 'action', r.action) },
    { key: 'who', header: t('colActor'), value: (r: Listed) => r.account ?? r.officialId ?? '' },
    { key: 'at', header: t('colTime'), value: (r: Listed) => formatDateTime(r.at) },
    { key: 'profile', header: t('colProfile'), value: (r: Listed) => r.profile ?? '—' },
    {
      key: 'slip',
      header: t('colSlip'),
      value: () => null,
      cell: (r: Listed) => (
        <a href={slipHref(r.dossierCode)} target="_blank" rel="noopener" aria-label={t('printSlipOf', { code: r.dossierCode })}>
          {t('printSlip')}
        </a>
      ),
    },
  ];
  const list = (key: 'matched' | 'onlyInLog' | 'onlyCaptured', caption: string) =>
    data && (
      <DataTable
        caption={caption}
        csvName={`reconcile-${key}`}
        rows={data[key]}
        rowKey={(r) => `${r.dossierCode}|${r.eventId ?? ''}|${r.loggedAt ?? ''}|${r.action}|${r.account ?? r.officialId}`}
        empty={t('noneListed')}
        testId={`reconcile-${key}`}
        columns={listColumns}
      />
    );
  return (
    <section aria-labelledby="reconcile-form-title" class="card">
      <h2 id="reconcile-form-title">{t('reconcileFormTitle')}</h2>
      <form onSubmit={(e) => (e.preventDefault(), void load())} data-testid="reconcile-form">
        <label>
          {t('reconcileUnit')}
          <input name="unitId" value={unitId} required onInput={(e) => setUnitId(e.currentTarget.value)} />
        </label>
        <label>
          {t('reconcileFrom')}
          <input name="from" value={from} required onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          {t('reconcileTo')}
          <input name="to" value={to} required onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <button type="submit" disabled={loading}>
          {t('reconcileButton')}
        </button>
      </form>
      <Status loading={loading} error={error} />
      {data && (
        <>
          <p data-testid="reconcile-counts">
            {t('reconcileCounts', {
              matched: formatNumber(data.counts.matched, lang),
              onlyInLog: formatNumber(data.counts.onlyInLog, lang),
              onlyCaptured: formatNumber(data.counts.onlyCaptured, lang),
            })}
          </p>
          <p class="hint">{t('coverageHelp')}</p>
          <DataTable
            caption={t('coverageTable')}
            csvName="reconcile-coverage"
            rows={data.coverage}
            rowKey={(c) => c.officialId ?? `account:${c.account}`}
            empty={t('noneListed')}
            testId="reconcile-coverage"
            columns={[
              { key: 'name', header: t('colActor'), value: (c) => c.displayName ?? c.account ?? '—' },
              { key: 'account', header: t('colBackoffice'), value: (c) => c.account ?? '—' },
              { key: 'log', header: t('colLogActions'), numeric: true, value: (c) => c.logActions },
              { key: 'seen', header: t('colSeen'), numeric: true, value: (c) => c.seen },
              {
                key: 'coverage',
                header: t('colCoverage'),
                numeric: true,
                value: (c) => c.coverage,
                cell: (c) => formatShare(c.coverage, lang),
              },
              { key: 'only', header: t('colOnlyCaptured'), numeric: true, value: (c) => c.onlyCaptured },
            ]}
          />
          {list('onlyCaptured', t('onlyCapturedTable'))}
          {list('onlyInLog', t('onlyInLogTable'))}
          {/* The pairs that agree matter least when reading: folded away. */}
          <details>
            <summary>
              {t('matchedTable')} ({formatNumber(data.counts.matched, lang)})
            </summary>
            {list('matched', t('matchedTable'))}
          </details>
        </>
      )}
    </section>
  );
}
