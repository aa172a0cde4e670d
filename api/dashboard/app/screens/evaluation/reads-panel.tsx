import { DataTable } from '../../components/data-table.tsx';
import { Status } from '../../components/status.tsx';
import { labelOf, useI18n } from '../../i18n/i18n.tsx';
import { api } from '../../lib/api-client.ts';
import { formatDateTime } from '../../../../../shared/format/format.ts';
import { useLoad } from '../../lib/use-fetch.ts';

type Read = { at: string; readerId: string; readerName: string; readerRole: string; what: string; detail: string };

/** The signed-in official's own "who looked" list: who read their figures, dossiers or sheets, when, what. */
export function ReadsPanel() {
  const { t } = useI18n();
  const reads = useLoad('reads', () => api<{ reads: Read[] }>('/v1/me/reads'));
  return (
    <section aria-labelledby="reads-title">
      <h2 id="reads-title">{t('readsTitle')}</h2>
      <Status loading={reads.loading} error={reads.error} onRetry={reads.reload} />
      <DataTable
        caption={t('readsTable')}
        csvName="ai-da-xem-reads"
        testId="reads-table"
        rows={reads.data?.reads ?? []}
        rowKey={(r) => `${r.at}|${r.readerId}|${r.what}|${r.detail}`}
        empty={t('noReads')}
        columns={[
          { key: 'reader', header: t('colReader'), value: (r) => `${r.readerName} (${labelOf(t, 'role', r.readerRole)})` },
          { key: 'when', header: t('colWhen'), value: (r) => formatDateTime(r.at) },
          { key: 'what', header: t('colWhat'), value: (r) => labelOf(t, 'readWhat', r.what) },
          { key: 'detail', header: t('colDossier'), value: (r) => r.detail },
        ]}
      />
    </section>
  );
}
