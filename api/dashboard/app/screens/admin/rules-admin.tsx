import { useState } from 'preact/hooks';
import { JsonEditor } from '../../components/json-editor.tsx';
import { Status } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { api } from '../../lib/api-client.ts';
import { formatDateTime } from '../../../../../shared/format/format.ts';
import { useLoad } from '../../lib/use-fetch.ts';
import { DEFAULT_RULE_SETTINGS, ruleOverridesSchema } from '../../../../../shared/rules/settings.ts';
import type { RuleSettingsView } from '../../../../../shared/contract/admin/rule-settings.ts';
import type { Procedure } from '../../../../../shared/contract/admin/procedures.ts';
import { UnitSelect, useUnits } from './units-admin.tsx';

type Kind = 'default' | 'unit' | 'procedure';

/**
 * Stall-rule settings at three scopes: the province default, a unit (its subtree inherits), a
 * procedure. Only what differs is stored; the JSON is checked with the overrides schema that
 * derivation reads back, so nothing saved here is silently ignored later.
 */
export function AdminRulesScreen() {
  const { t } = useI18n();
  const units = useUnits().data?.units ?? [];
  const procedures = useLoad('procedures', () => api<{ procedures: Procedure[] }>('/v1/admin/procedures')).data?.procedures ?? [];
  const [kind, setKind] = useState<Kind>('default');
  const [unit, setUnit] = useState('');
  const [procedure, setProcedure] = useState('');
  const target = kind === 'unit' ? unit || units[0]?.id || '' : kind === 'procedure' ? procedure || procedures[0]?.code || '' : '';
  const path =
    kind === 'default'
      ? '/v1/admin/rule-settings/default'
      : `/v1/admin/rule-settings/${kind === 'unit' ? 'units' : 'procedures'}/${encodeURIComponent(target)}`;
  const ready = kind === 'default' || target !== '';
  const { data, error, loading, reload } = useLoad(ready ? path : null, () => api<RuleSettingsView>(path));
  return (
    <>
      <h1>{t('rulesTitle')}</h1>
      <div class="toolbar">
        <label>
          {t('rulesScope')}
          <select name="scope" value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
            {(['default', 'unit', 'procedure'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`rulesScope.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {kind === 'unit' && <UnitSelect label={t('rulesTarget')} name="unit" units={units} value={target} onChange={setUnit} />}
        {kind === 'procedure' && (
          <label>
            {t('rulesTarget')}
            <select name="procedure" value={target} onChange={(e) => setProcedure(e.currentTarget.value)}>
              {procedures.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.code} — {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <Status loading={loading} error={error} onRetry={reload} />
      {data && (
        <section aria-labelledby="rules-edit-title" class="card">
          <h2 id="rules-edit-title">{kind === 'default' ? t('rulesScope.default') : `${t(`rulesScope.${kind}`)}: ${target}`}</h2>
          <p>
            {data.settings === null
              ? t('rulesNotSet')
              : t('rulesUpdated', { at: formatDateTime(data.updatedAt), by: data.updatedBy ?? '—' })}
          </p>
          <JsonEditor
            key={path + (data.updatedAt ?? '')}
            label={t('rulesJson')}
            initial={JSON.stringify(data.settings ?? {}, null, 2)}
            schema={ruleOverridesSchema}
            submitLabel={t('save')}
            testId="rules-editor"
            onSubmit={async (body) => {
              await api(path, { method: 'PUT', body });
              return t('saved');
            }}
          />
        </section>
      )}
      <details class="card">
        <summary>{t('rulesDefaults')}</summary>
        <pre tabIndex={0}>{JSON.stringify(DEFAULT_RULE_SETTINGS, null, 2)}</pre>
      </details>
    </>
  );
}
