import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { FormResult, useSubmit } from '../../components/form-result.tsx';
import { Status } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { api } from '../../lib/api-client.ts';
import { forgetUnitNames } from '../../lib/unit-names.ts';
import { useLoad } from '../../lib/use-fetch.ts';

export type AdminUnit = { id: string; name: string; parentId: string | null; depth: number; createdAt: string };

export function useUnits() {
  return useLoad('units', () => api<{ units: AdminUnit[] }>('/v1/admin/units'));
}

/** The API lists the subtree depth-first with depths; nested lists give the tree its structure for every reader. */
function Tree(props: { units: AdminUnit[]; parentId: string | null; root?: boolean }) {
  const children = props.units.filter((u) => (props.root ? u.depth === 0 : u.parentId === props.parentId));
  if (!children.length) return null;
  return (
    <ul class={props.root ? 'tree' : undefined}>
      {children.map((u) => (
        <li key={u.id}>
          <span class="tree-name">{u.name}</span> <code>{u.id}</code>
          <Tree units={props.units} parentId={u.id} />
        </li>
      ))}
    </ul>
  );
}

export function UnitSelect(props: {
  label: string;
  name: string;
  units: AdminUnit[];
  value: string;
  onChange: (v: string) => void;
  children?: ComponentChildren;
}) {
  return (
    <label>
      {props.label}
      <select name={props.name} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.children}
        {props.units.map((u) => (
          <option key={u.id} value={u.id}>
            {'\u00a0\u00a0'.repeat(u.depth)}
            {u.name} ({u.id})
          </option>
        ))}
      </select>
    </label>
  );
}

export function AdminUnitsScreen() {
  const { t } = useI18n();
  const { data, error, loading, reload } = useUnits();
  const units = data?.units ?? [];
  const add = useSubmit();
  const rename = useSubmit();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [parent, setParent] = useState('');
  const [target, setTarget] = useState('');
  const [newName, setNewName] = useState('');
  const parentId = parent || units[0]?.id || '';
  const targetId = target || units[0]?.id || '';
  return (
    <>
      <h1>{t('unitsTitle')}</h1>
      <Status loading={loading} error={error} onRetry={reload} />
      <section aria-labelledby="tree-title">
        <h2 id="tree-title">{t('unitsTreeLabel')}</h2>
        <Tree units={units} parentId={null} root />
      </section>
      <div class="form-grid">
        <form
          class="card"
          aria-labelledby="unit-add-title"
          onSubmit={(e) => {
            e.preventDefault();
            void add.run(async () => {
              await api('/v1/admin/units', { body: { id: id.trim(), name, parentId } });
              forgetUnitNames();
              reload();
              return t('saved');
            });
          }}
        >
          <h2 id="unit-add-title">{t('unitAddTitle')}</h2>
          <label>
            {t('unitId')}
            <input name="id" required value={id} onInput={(e) => setId(e.currentTarget.value)} />
          </label>
          <label>
            {t('unitName')}
            <input name="name" required value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
          <UnitSelect label={t('unitParent')} name="parentId" units={units} value={parentId} onChange={setParent} />
          <button type="submit" disabled={add.busy}>
            {t('add')}
          </button>
          <FormResult result={add.result} />
        </form>
        <form
          class="card"
          aria-labelledby="unit-rename-title"
          onSubmit={(e) => {
            e.preventDefault();
            void rename.run(async () => {
              await api(`/v1/admin/units/${encodeURIComponent(targetId)}`, { method: 'PATCH', body: { name: newName } });
              forgetUnitNames();
              reload();
              return t('saved');
            });
          }}
        >
          <h2 id="unit-rename-title">{t('unitRenameTitle')}</h2>
          <UnitSelect label={t('unitToRename')} name="unit" units={units} value={targetId} onChange={setTarget} />
          <label>
            {t('unitNewName')}
            <input name="newName" required value={newName} onInput={(e) => setNewName(e.currentTarget.value)} />
          </label>
          <button type="submit" disabled={rename.busy}>
            {t('save')}
          </button>
          <FormResult result={rename.result} />
        </form>
      </div>
    </>
  );
}
