import { useState } from 'preact/hooks';
import { FormResult, useSubmit } from '../../components/form-result.tsx';
import { labelOf, useI18n } from '../../i18n/i18n.tsx';
import { api } from '../../lib/api-client.ts';
import { ROLES, type Role } from '../../lib/types.ts';
import { UnitSelect, type AdminUnit } from './units-admin.tsx';

export function OfficialAddForm(props: { units: AdminUnit[]; onAdded: () => void }) {
  const { t } = useI18n();
  const add = useSubmit();
  const [f, setF] = useState({ username: '', displayName: '', unitId: '', role: 'clerk' as Role, password: '', backofficeAccount: '' });
  const set = (k: keyof typeof f) => (e: { currentTarget: { value: string } }) => setF({ ...f, [k]: e.currentTarget.value });
  const unitId = f.unitId || props.units[0]?.id || '';
  return (
    <form
      class="card"
      aria-labelledby="official-add-title"
      onSubmit={(e) => {
        e.preventDefault();
        void add.run(async () => {
          const body = { ...f, unitId, backofficeAccount: f.backofficeAccount.trim() || null };
          await api('/v1/admin/officials', { body });
          props.onAdded();
          return t('saved');
        });
      }}
    >
      <h2 id="official-add-title">{t('officialAddTitle')}</h2>
      <div class="fields">
        <label>
          {t('username')}
          <input name="username" required autocomplete="off" value={f.username} onInput={set('username')} />
        </label>
        <label>
          {t('colDisplayName')}
          <input name="displayName" required value={f.displayName} onInput={set('displayName')} />
        </label>
        <UnitSelect
          label={t('officialUnit')}
          name="unitId"
          units={props.units}
          value={unitId}
          onChange={(v) => setF({ ...f, unitId: v })}
        />
        <label>
          {t('colRole')}
          <select name="role" value={f.role} onChange={set('role')}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {labelOf(t, 'role', r)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('officialPassword')}
          <input
            name="password"
            type="password"
            autocomplete="new-password"
            required
            minLength={8}
            value={f.password}
            onInput={set('password')}
          />
        </label>
        <label>
          {t('colBackoffice')}
          <input name="backofficeAccount" value={f.backofficeAccount} onInput={set('backofficeAccount')} />
        </label>
      </div>
      <button type="submit" disabled={add.busy}>
        {t('add')}
      </button>
      <FormResult result={add.result} />
    </form>
  );
}
