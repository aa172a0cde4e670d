import { useState } from 'preact/hooks';
import { DataTable } from '../../components/data-table.tsx';
import { FormResult, useSubmit } from '../../components/form-result.tsx';
import { labelOf, useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { api } from '../../lib/api-client.ts';
import { formatDateTime } from '../../../../../shared/format/format.ts';
import { DEFAULT_COLUMNS, type ImportResult, type Mapping, type MappingBody } from '../../../../../shared/contract/reconcile.ts';

type Columns = MappingBody['columns'];
const FACTS: { key: keyof Columns; label: MessageKey; required: boolean }[] = [
  { key: 'dossierCode', label: 'factDossierCode', required: true },
  { key: 'procedureCode', label: 'factProcedureCode', required: false },
  { key: 'step', label: 'factStep', required: false },
  { key: 'action', label: 'factAction', required: true },
  { key: 'actor', label: 'factActor', required: true },
  { key: 'receiver', label: 'factReceiver', required: false },
  { key: 'at', label: 'factAt', required: true },
];

async function fileContent(file: File): Promise<{ format: 'csv' | 'xlsx'; content: string }> {
  if (!/\.xlsx$/i.test(file.name)) return { format: 'csv', content: await file.text() };
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { format: 'xlsx', content: btoa(bin) };
}

/** Admins: choose the file, map its columns, preview, save the mapping, import. */
export function ImportPanel() {
  const { t } = useI18n();
  const [backoffice, setBackoffice] = useState('mo-phong');
  const [name, setName] = useState('Phần mềm một cửa');
  const [file, setFile] = useState<File | null>(null);
  const [columns, setColumns] = useState<Columns>(DEFAULT_COLUMNS);
  const [outcome, setOutcome] = useState<ImportResult | null>(null);
  const { result, busy, run } = useSubmit();
  const cleaned = (): Columns => {
    const c = { ...columns };
    for (const f of FACTS) if (!f.required && !c[f.key]?.trim()) delete c[f.key];
    return c;
  };
  const send = async (mode: 'preview' | 'import') => {
    if (!file) throw new Error(t('chooseFile'));
    const body = { backoffice, ...(await fileContent(file)), ...(mode === 'preview' ? { dryRun: true, columns: cleaned() } : {}) };
    const r = await api<ImportResult>('/v1/reconcile/imports', { body });
    setOutcome(r);
    return mode === 'preview'
      ? t('previewDone', { read: r.rows.read, valid: r.rows.valid, rejected: r.rows.rejected })
      : t('importDone', { stored: r.rows.stored, known: r.rows.alreadyKnown, rejected: r.rows.rejected });
  };
  const saveMapping = async () => {
    const m = await api<Mapping>('/v1/reconcile/mappings', { body: { backoffice, name, columns: cleaned() } });
    return t('mappingSaved', { id: m.backoffice, version: m.version });
  };
  return (
    <section aria-labelledby="import-title" class="card">
      <h2 id="import-title">{t('importTitle')}</h2>
      <form onSubmit={(e) => (e.preventDefault(), void run(() => send('preview')))} data-testid="import-form">
        <label>
          {t('backofficeId')}
          <input
            name="backoffice"
            value={backoffice}
            required
            pattern="[a-z0-9][a-z0-9\-]{1,62}"
            onInput={(e) => setBackoffice(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('mappingName')}
          <input name="mappingName" value={name} required onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          {t('logFile')}
          <input
            type="file"
            name="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        </label>
        <fieldset>
          <legend>{t('mappingLegend')}</legend>
          {FACTS.map((f) => (
            <label key={f.key}>
              {t(f.label)}
              <input
                name={`col-${f.key}`}
                value={columns[f.key] ?? ''}
                required={f.required}
                onInput={(e) => setColumns({ ...columns, [f.key]: e.currentTarget.value })}
              />
            </label>
          ))}
        </fieldset>
        <div class="actions">
          <button type="submit" disabled={busy}>
            {t('previewButton')}
          </button>
          <button type="button" class="secondary" disabled={busy} onClick={() => void run(saveMapping)}>
            {t('saveMappingButton')}
          </button>
          <button type="button" disabled={busy} onClick={() => void run(() => send('import'))}>
            {t('importButton')}
          </button>
        </div>
      </form>
      <FormResult result={result} />
      {outcome && (
        <>
          <p data-testid="dropped-columns">{t('droppedColumns', { list: outcome.droppedColumns.join(', ') || '—' })}</p>
          <DataTable
            caption={t('previewTable')}
            csvName="import-preview"
            rows={outcome.preview}
            rowKey={(r) => String(r.row)}
            testId="import-preview"
            columns={[
              { key: 'row', header: t('colRow'), numeric: true, value: (r) => r.row },
              { key: 'code', header: t('factDossierCode'), value: (r) => r.facts?.dossierCode ?? '' },
              { key: 'action', header: t('colActionKind'), value: (r) => (r.facts ? labelOf(t, 'action', r.facts.action) : '') },
              { key: 'actor', header: t('colActor'), value: (r) => r.facts?.actor ?? '' },
              { key: 'receiver', header: t('colLogReceiver'), value: (r) => r.facts?.receiver ?? '' },
              { key: 'at', header: t('colTime'), value: (r) => (r.facts ? formatDateTime(r.facts.at) : '') },
              { key: 'error', header: t('colError'), value: (r) => r.error ?? '' },
            ]}
          />
          {outcome.errors.length > 0 && (
            <DataTable
              caption={t('rowErrors')}
              csvName="import-errors"
              rows={outcome.errors}
              rowKey={(r) => String(r.row)}
              testId="import-errors"
              columns={[
                { key: 'row', header: t('colRow'), numeric: true, value: (r) => r.row },
                { key: 'error', header: t('colError'), value: (r) => r.message },
              ]}
            />
          )}
        </>
      )}
    </section>
  );
}
