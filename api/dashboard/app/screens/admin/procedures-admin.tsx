import { DataTable } from '../../components/data-table.tsx';
import { JsonEditor } from '../../components/json-editor.tsx';
import { Status } from '../../components/status.tsx';
import { labelOf, useI18n } from '../../i18n/i18n.tsx';
import { api } from '../../lib/api-client.ts';
import { formatNumber } from '../../../../../shared/format/format.ts';
import { useLoad } from '../../lib/use-fetch.ts';
import { createProcedureSchema, updateProcedureSchema, type Procedure } from '../../../../../shared/contract/admin/procedures.ts';

const NEW_PROCEDURE = {
  code: '1.000001.000.00.00.H32',
  unitId: '000.00.12.H32',
  name: 'Thủ tục mới',
  totalAmount: 5,
  timeType: 'working_days',
  steps: [
    { code: 'TIEP_NHAN', name: 'Tiếp nhận hồ sơ', role: 'desk_clerk', allottedHours: 4 },
    { code: 'THAM_DINH', name: 'Thẩm định hồ sơ', role: 'specialist', allottedHours: 28 },
    { code: 'PHE_DUYET', name: 'Lãnh đạo phê duyệt', role: 'agency_head', allottedHours: 8 },
  ],
};

/** Each procedure with its internal process; edits are JSON checked by the API's own schema before sending. */
export function AdminProceduresScreen() {
  const { t, lang } = useI18n();
  const { data, error, loading, reload } = useLoad('procedures', () => api<{ procedures: Procedure[] }>('/v1/admin/procedures'));
  return (
    <>
      <h1>{t('proceduresTitle')}</h1>
      <Status loading={loading} error={error} onRetry={reload} />
      {(data?.procedures ?? []).map((p, i) => (
        <section key={p.code} aria-labelledby={`proc-${p.code}`} class="card">
          <h2 id={`proc-${p.code}`}>{p.name}</h2>
          <p>
            {t('procedureMeta', {
              code: p.code,
              unit: p.unitId,
              amount: formatNumber(p.totalAmount, lang, 2),
              timeType: labelOf(t, 'timeType', p.timeType),
              version: p.version,
            })}
          </p>
          {/* The first procedure opens; the others stay one line each until asked, so the list stays short. */}
          <details open={i === 0}>
            <summary>{t('stepsSummary', { n: p.steps.length })}</summary>
            <DataTable
              caption={t('stepsOf', { code: p.code })}
              csvName="procedure-steps"
              csvSuffix={p.code}
              rows={p.steps}
              rowKey={(s) => s.code}
              columns={[
                { key: 'code', header: t('colStepCode'), value: (s) => s.code, cell: (s) => <code>{s.code}</code> },
                { key: 'name', header: t('colStepName'), value: (s) => s.name },
                { key: 'role', header: t('colStepRole'), value: (s) => labelOf(t, 'stepRole', s.role) },
                {
                  key: 'hours',
                  header: t('colAllotted'),
                  numeric: true,
                  value: (s) => s.allottedHours,
                  cell: (s) => formatNumber(s.allottedHours, lang, 2),
                },
              ]}
            />
          </details>
          <details>
            <summary>{t('procedureEdit', { code: p.code })}</summary>
            <JsonEditor
              label={t('procedureEdit', { code: p.code })}
              initial={JSON.stringify(
                { name: p.name, totalAmount: p.totalAmount, timeType: p.timeType, steps: p.steps, version: p.version },
                null,
                2,
              )}
              schema={updateProcedureSchema}
              submitLabel={t('save')}
              onSubmit={async (body) => {
                await api(`/v1/admin/procedures/${encodeURIComponent(p.code)}`, { method: 'PUT', body });
                reload();
                return t('saved');
              }}
            />
          </details>
        </section>
      ))}
      <section aria-labelledby="proc-new" class="card">
        <h2 id="proc-new">{t('add')}</h2>
        <JsonEditor
          label={`${t('add')} (JSON)`}
          initial={JSON.stringify(NEW_PROCEDURE, null, 2)}
          schema={createProcedureSchema}
          submitLabel={t('add')}
          onSubmit={async (body) => {
            await api('/v1/admin/procedures', { body });
            reload();
            return t('saved');
          }}
        />
      </section>
    </>
  );
}
