import { DataTable } from '../../components/data-table.tsx';
import { Status } from '../../components/status.tsx';
import { labelOf, useI18n } from '../../i18n/i18n.tsx';
import { api } from '../../lib/api-client.ts';
import { formatDateTime } from '../../../../../shared/format/format.ts';
import { useLoad } from '../../lib/use-fetch.ts';

type Alert = {
  kind: string;
  subject: string;
  unitId: string | null;
  firstAt: string;
  lastAt: string;
  count: number;
  details: Record<string, unknown>;
};

/** Accounts whose passwords are being guessed, clients guessing, chain heads that failed their check (last 30 days). */
export function SecurityAlerts() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useLoad('security-alerts', () => api<{ alerts: Alert[] }>('/v1/admin/security-alerts'));
  return (
    <section aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('alertsTitle')}</h2>
      <Status loading={loading} error={error} onRetry={reload} />
      {data && (
        <DataTable
          caption={t('alertsTable')}
          csvName="security-alerts"
          rows={data.alerts}
          rowKey={(a) => `${a.kind}/${a.subject}`}
          empty={t('noAlerts')}
          testId="alerts-table"
          columns={[
            { key: 'kind', header: t('colAlertKind'), value: (a) => labelOf(t, 'alert', a.kind) },
            { key: 'subject', header: t('colAlertSubject'), value: (a) => a.subject, cell: (a) => <code>{a.subject}</code> },
            { key: 'count', header: t('colCount'), numeric: true, value: (a) => a.count },
            { key: 'first', header: t('colFirstAt'), value: (a) => formatDateTime(a.firstAt) },
            { key: 'last', header: t('colLastAt'), value: (a) => formatDateTime(a.lastAt) },
          ]}
        />
      )}
    </section>
  );
}
