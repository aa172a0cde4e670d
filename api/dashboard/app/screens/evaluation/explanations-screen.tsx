import { useState } from 'preact/hooks';
import { DataTable } from '../../components/data-table.tsx';
import { FormResult, useSubmit } from '../../components/form-result.tsx';
import { Status } from '../../components/status.tsx';
import { labelOf, useI18n } from '../../i18n/i18n.tsx';
import { api } from '../../lib/api-client.ts';
import { formatDateTime, formatHours } from '../../../../../shared/format/format.ts';
import { useLoad } from '../../lib/use-fetch.ts';
import type { Me } from '../../lib/types.ts';

export type Explanation = {
  id: string;
  officialId: string;
  officialName: string;
  dossierCode: string;
  subject: { kind: 'flag' | 'dossier'; key: string };
  reason: string;
  text: string;
  status: 'pending' | 'accepted' | 'rejected';
  createdAt: string;
  decisionNote: string | null;
  stretchHours: number;
};
type Reason = { code: string; labelVi: string; labelEn: string };

/** The unit's explanations; a unit head, inspector or admin accepts or rejects each pending one with a reason. */
export function ExplanationsScreen(props: { me: Me }) {
  const { t, lang } = useI18n();
  const list = useLoad('explanations', () => api<{ explanations: Explanation[] }>('/v1/explanations'));
  const reasons = useLoad('reasons', () => api<{ reasons: Reason[] }>('/v1/explanations/reasons'));
  const [notes, setNotes] = useState<Record<string, string>>({});
  const decide = useSubmit();
  const reasonLabel = (code: string) => {
    const r = reasons.data?.reasons.find((x) => x.code === code);
    return r ? (lang === 'vi' ? r.labelVi : r.labelEn) : code;
  };
  const send = (e: Explanation, accept: boolean) =>
    decide.run(async () => {
      await api(`/v1/explanations/${e.id}/decision`, { body: { accept, note: notes[e.id] ?? '' } });
      list.reload();
      return t('decided');
    });
  const rows = list.data?.explanations ?? [];
  return (
    <>
      <h1>{t('explanationsTitle')}</h1>
      <p>{t('explanationsIntro')}</p>
      <Status loading={list.loading} error={list.error} onRetry={list.reload} />
      <FormResult result={decide.result} />
      <DataTable
        caption={t('explanationsTable')}
        csvName="giai-trinh-explanations"
        testId="explanations-table"
        rows={rows}
        rowKey={(e) => e.id}
        empty={t('noExplanations')}
        columns={[
          { key: 'official', header: t('colOfficial'), value: (e) => e.officialName },
          { key: 'dossier', header: t('colDossier'), value: (e) => e.dossierCode, cell: (e) => <code>{e.dossierCode}</code> },
          { key: 'reason', header: t('colReason'), value: (e) => reasonLabel(e.reason) },
          { key: 'text', header: t('colText'), value: (e) => e.text },
          {
            key: 'hours',
            header: t('colStretch'),
            value: (e) => e.stretchHours,
            cell: (e) => formatHours(e.stretchHours, lang),
            numeric: true,
          },
          { key: 'created', header: t('colWhen'), value: (e) => formatDateTime(e.createdAt) },
          { key: 'status', header: t('colStatus'), value: (e) => labelOf(t, 'explanationStatus', e.status) },
          {
            key: 'decision',
            header: t('colDecision'),
            value: (e) => e.decisionNote ?? '',
            cell: (e) =>
              e.status !== 'pending' || e.officialId === props.me.id ? (
                (e.decisionNote ?? '—')
              ) : (
                <div class="decision">
                  <label>
                    {t('decisionNote')}
                    <input
                      type="text"
                      aria-label={t('decisionNoteOf', { code: e.dossierCode })}
                      value={notes[e.id] ?? ''}
                      onInput={(ev) => setNotes({ ...notes, [e.id]: ev.currentTarget.value })}
                    />
                  </label>
                  <button type="button" disabled={decide.busy || !(notes[e.id] ?? '').trim()} onClick={() => send(e, true)}>
                    {t('accept')}
                  </button>{' '}
                  <button
                    type="button"
                    class="secondary"
                    disabled={decide.busy || !(notes[e.id] ?? '').trim()}
                    onClick={() => send(e, false)}
                  >
                    {t('reject')}
                  </button>
                </div>
              ),
          },
        ]}
      />
    </>
  );
}
