import { useState } from 'preact/hooks';
import { DataTable } from '../../components/data-table.tsx';
import { FormResult, useSubmit } from '../../components/form-result.tsx';
import { Status } from '../../components/status.tsx';
import { labelOf, useI18n } from '../../i18n/i18n.tsx';
import { api } from '../../lib/api-client.ts';
import { formatDateTime } from '../../../../../shared/format/format.ts';
import { useLoad } from '../../lib/use-fetch.ts';
import type { Me } from '../../lib/types.ts';

type SheetRow = {
  id: string;
  subject: { kind: 'official' | 'unit'; id: string };
  period: string;
  status: 'issued' | 'seen' | 'signed';
  issuedAt: string;
  comment: string | null;
  signedAt: string | null;
  subjectName: string;
};
type Sheet = SheetRow;

/** Issue sheets for an official or unit and period; the unit head signs; each opens printable, as CSV or .xlsx. */
export function SheetsScreen(props: { me: Me }) {
  const { t } = useI18n();
  // The list carries each subject's name (a unit head cannot read the officials directory) and
  // no body: listing is not reading a sheet, only opening one is (and is recorded).
  const list = useLoad('sheets', async () => (await api<{ sheets: SheetRow[] }>('/v1/sheets')).sheets);
  const [kind, setKind] = useState<'official' | 'unit'>('unit');
  const [subject, setSubject] = useState(props.me.unitId);
  const [period, setPeriod] = useState('');
  const issue = useSubmit();
  const sign = useSubmit();
  const submit = (e: Event) => {
    e.preventDefault();
    void issue.run(async () => {
      await api('/v1/sheets', { body: { subject: { kind, id: subject.trim() }, period: period.trim() } });
      list.reload();
      return t('sheetIssued');
    });
  };
  const signOne = (s: Sheet) =>
    sign.run(async () => {
      await api(`/v1/sheets/${s.id}/sign`, { body: {} });
      list.reload();
      return t('sheetSigned');
    });
  return (
    <>
      <h1>{t('sheetsTitle')}</h1>
      <section aria-labelledby="sheet-issue">
        <h2 id="sheet-issue">{t('sheetIssueTitle')}</h2>
        <form class="card" onSubmit={submit}>
          <label>
            {t('sheetSubjectKind')}
            <select name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as 'official' | 'unit')}>
              <option value="unit">{t('sheetSubject.unit')}</option>
              <option value="official">{t('sheetSubject.official')}</option>
            </select>
          </label>
          <label>
            {t('sheetSubjectId')}
            <input name="subject" value={subject} onInput={(e) => setSubject(e.currentTarget.value)} required />
          </label>
          <label>
            {t('sheetPeriod')}
            <input
              name="period"
              value={period}
              onInput={(e) => setPeriod(e.currentTarget.value)}
              required
              pattern="\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?"
            />
          </label>
          <button type="submit" disabled={issue.busy}>
            {t('sheetIssue')}
          </button>
        </form>
        <FormResult result={issue.result} />
      </section>
      <Status loading={list.loading} error={list.error} onRetry={list.reload} />
      <FormResult result={sign.result} />
      <DataTable
        caption={t('sheetsTable')}
        csvName="phieu-kpi-sheets"
        testId="sheets-table"
        rows={list.data ?? []}
        rowKey={(s) => s.id}
        empty={t('noSheets')}
        columns={[
          { key: 'subject', header: t('colSubject'), value: (s) => s.subjectName },
          { key: 'period', header: t('colPeriod'), value: (s) => s.period },
          { key: 'issued', header: t('colIssuedAt'), value: (s) => formatDateTime(s.issuedAt) },
          { key: 'status', header: t('colStatus'), value: (s) => labelOf(t, 'sheetStatus', s.status) },
          { key: 'comment', header: t('colComment'), value: (s) => s.comment ?? '' },
          {
            key: 'files',
            header: t('colFiles'),
            value: (s) => s.id,
            cell: (s) => (
              <span>
                <a href={`/v1/sheets/${s.id}/sheet.html`} target="_blank" rel="noopener">
                  {t('sheetPrint')}
                </a>{' '}
                · <a href={`/v1/sheets/${s.id}/sheet.csv`}>CSV</a> · <a href={`/v1/sheets/${s.id}/sheet.xlsx`}>.xlsx</a>
                {props.me.role === 'leader' &&
                  s.status !== 'signed' &&
                  !(s.subject.kind === 'official' && s.subject.id === props.me.id) && (
                    <>
                      {' '}
                      <button
                        type="button"
                        disabled={sign.busy}
                        aria-label={t('sheetSignOf', { period: s.period, name: s.subjectName })}
                        onClick={() => signOne(s)}
                      >
                        {t('sheetSign')}
                      </button>
                    </>
                  )}
              </span>
            ),
          },
        ]}
      />
    </>
  );
}
