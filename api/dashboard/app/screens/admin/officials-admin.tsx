import { useState } from 'preact/hooks';
import { DataTable } from '../../components/data-table.tsx';
import { FormResult, useSubmit } from '../../components/form-result.tsx';
import { Status } from '../../components/status.tsx';
import { labelOf, useI18n } from '../../i18n/i18n.tsx';
import { api } from '../../lib/api-client.ts';
import { forgetOfficialNames } from '../../lib/official-names.ts';
import { ROLES, type Role } from '../../lib/types.ts';
import { useLoad } from '../../lib/use-fetch.ts';
import { OfficialAddForm } from './official-add-form.tsx';
import { useUnits } from './units-admin.tsx';
import { SecurityAlerts } from './security-alerts.tsx';

export type AdminOfficial = {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  role: Role;
  backofficeAccount: string | null;
  active: boolean;
};

/** Officials of the admin's subtree; role and active state are edited in the row and saved per row. */
export function AdminOfficialsScreen() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useLoad('officials', () => api<{ officials: AdminOfficial[] }>('/v1/admin/officials'));
  const units = useUnits().data?.units ?? [];
  const [edits, setEdits] = useState<Record<string, { role: Role; active: boolean }>>({});
  const save = useSubmit();
  const rows = data?.officials ?? [];
  const edit = (o: AdminOfficial) => edits[o.id] ?? { role: o.role, active: o.active };
  const change = (o: AdminOfficial, patch: Partial<{ role: Role; active: boolean }>) =>
    setEdits((e) => ({ ...e, [o.id]: { ...edit(o), ...patch } }));
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  const saveRow = (o: AdminOfficial) =>
    save.run(async () => {
      const e = edit(o);
      const body: Record<string, unknown> = {};
      if (e.role !== o.role) body.role = e.role;
      if (e.active !== o.active) body.active = e.active;
      if (!Object.keys(body).length) return t('saved');
      await api(`/v1/admin/officials/${encodeURIComponent(o.id)}`, { method: 'PATCH', body });
      forgetOfficialNames();
      reload();
      return `${t('saved')} ${o.displayName}`;
    });
  return (
    <>
      <h1>{t('adminOfficialsTitle')}</h1>
      <Status loading={loading} error={error} onRetry={reload} />
      <FormResult result={save.result} />
      <DataTable
        caption={t('adminOfficialsTable')}
        csvName="officials"
        rows={rows}
        rowKey={(o) => o.id}
        testId="admin-officials"
        columns={[
          { key: 'name', header: t('colDisplayName'), value: (o) => o.displayName },
          { key: 'username', header: t('colUsername'), value: (o) => o.username },
          { key: 'unit', header: t('officialUnit'), value: (o) => `${unitName(o.unitId)} (${o.unitId})` },
          {
            key: 'role',
            header: t('colRole'),
            value: (o) => o.role,
            cell: (o) => (
              <select
                aria-label={t('officialRoleOf', { name: o.displayName })}
                value={edit(o).role}
                onChange={(e) => change(o, { role: e.currentTarget.value as Role })}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {labelOf(t, 'role', r)}
                  </option>
                ))}
              </select>
            ),
          },
          {
            key: 'active',
            header: t('colActive'),
            value: (o) => o.active,
            cell: (o) => (
              <input
                type="checkbox"
                aria-label={t('officialActiveOf', { name: o.displayName })}
                checked={edit(o).active}
                onChange={(e) => change(o, { active: e.currentTarget.checked })}
              />
            ),
          },
          { key: 'backoffice', header: t('colBackoffice'), value: (o) => o.backofficeAccount ?? '—' },
          {
            key: 'save',
            header: t('save'),
            value: () => null,
            cell: (o) => (
              <button
                type="button"
                class="secondary"
                disabled={save.busy}
                aria-label={t('officialSaveOf', { name: o.displayName })}
                onClick={() => void saveRow(o)}
              >
                {t('save')}
              </button>
            ),
          },
        ]}
      />
      <OfficialAddForm units={units} onAdded={reload} />
      <SecurityAlerts />
    </>
  );
}
