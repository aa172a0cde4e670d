import { useState } from 'preact/hooks';
import { DataTable } from '../../components/data-table.tsx';
import { JsonEditor } from '../../components/json-editor.tsx';
import { Status } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { api } from '../../lib/api-client.ts';
import { formatDateTime } from '../../../../../shared/format/format.ts';
import { useLoad } from '../../lib/use-fetch.ts';
import { siteProfileSchema } from '../../../../../shared/schemas/profile.ts';
import type { StoredProfile } from '../../../../../shared/contract/admin/profiles.ts';
import { ProfileHealth } from './profile-health.tsx';

/** Site profiles (latest version of each), one profile's versions on demand, a new version as JSON, and their health. */
export function AdminProfilesScreen() {
  const { t } = useI18n();
  const list = useLoad('profiles', () => api<{ profiles: StoredProfile[] }>('/v1/admin/profiles'));
  const [open, setOpen] = useState<string | null>(null);
  const versions = useLoad(open, () => api<{ profiles: StoredProfile[] }>(`/v1/admin/profiles/${encodeURIComponent(open!)}/versions`));
  const profiles = list.data?.profiles ?? [];
  const template = profiles[0]
    ? { ...profiles[0].profile, version: profiles[0].version + 1 }
    : {
        id: 'new-backoffice',
        version: 1,
        name: 'Back-office mới',
        matches: ['https://motcua.example.gov.vn/*'],
        pages: [{ kind: 'list', path: '/ds' }],
      };
  const columns = [
    { key: 'id', header: t('colProfileId'), value: (p: StoredProfile) => p.id, cell: (p: StoredProfile) => <code>{p.id}</code> },
    { key: 'name', header: t('colName'), value: (p: StoredProfile) => p.name },
    { key: 'version', header: t('colVersion'), numeric: true, value: (p: StoredProfile) => p.version },
    { key: 'matches', header: t('colMatches'), value: (p: StoredProfile) => p.profile.matches.join(' ') },
    { key: 'created', header: t('colCreatedAt'), value: (p: StoredProfile) => formatDateTime(p.createdAt) },
  ];
  return (
    <>
      <h1>{t('profilesTitle')}</h1>
      <Status loading={list.loading} error={list.error} onRetry={list.reload} />
      <DataTable
        caption={t('profilesTable')}
        csvName="site-profiles"
        rows={profiles}
        rowKey={(p) => p.id}
        testId="profiles-table"
        columns={[
          ...columns,
          {
            key: 'versions',
            header: t('colVersion'),
            value: () => null,
            cell: (p) => (
              <button type="button" class="secondary" aria-expanded={open === p.id} onClick={() => setOpen(open === p.id ? null : p.id)}>
                {t('showVersions', { id: p.id })}
              </button>
            ),
          },
        ]}
      />
      {open && (
        <section aria-labelledby="versions-title">
          <h2 id="versions-title">{t('versionsOf', { id: open })}</h2>
          <Status loading={versions.loading} error={versions.error} />
          {versions.data && (
            <DataTable
              caption={t('versionsOf', { id: open })}
              csvName="site-profile-versions"
              csvSuffix={open}
              rows={versions.data.profiles}
              rowKey={(p) => String(p.version)}
              columns={columns}
            />
          )}
        </section>
      )}
      <section aria-labelledby="profile-add-title" class="card">
        <h2 id="profile-add-title">{t('addProfileTitle')}</h2>
        <JsonEditor
          label={t('profileJson')}
          initial={JSON.stringify(template, null, 2)}
          schema={siteProfileSchema}
          submitLabel={t('add')}
          rows={18}
          testId="profile-editor"
          onSubmit={async (body) => {
            const r = await api<{ profile: StoredProfile }>('/v1/admin/profiles', { body });
            list.reload();
            if (open === r.profile.id) versions.reload();
            const next = JSON.stringify({ ...r.profile.profile, version: r.profile.version + 1 }, null, 2);
            return { message: t('profileAdded', { id: r.profile.id, version: r.profile.version }), next };
          }}
        />
      </section>
      <ProfileHealth />
    </>
  );
}
