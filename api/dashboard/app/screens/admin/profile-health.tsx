import { DataTable } from '../../components/data-table.tsx';
import { Status } from '../../components/status.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { api } from '../../lib/api-client.ts';
import { formatDateTime } from '../../../../../shared/format/format.ts';
import { useLoad } from '../../lib/use-fetch.ts';
import { PERSONAL_DATA_LABELS, type PersonalDataKind } from '../../../../../shared/privacy/personal-data.ts';
import type { ProfileHealthResponse } from '../../../../../shared/contract/admin/profile-health.ts';

/** Where the extension reported that a profile's anchor no longer matched a page (profile_miss). */
export function ProfileHealth() {
  const { t, lang } = useI18n();
  const { data, error, loading, reload } = useLoad('profile-health', () =>
    api<ProfileHealthResponse>('/v1/admin/profile-health?limit=200'),
  );
  return (
    <section aria-labelledby="health-title">
      <h2 id="health-title">{t('healthTitle')}</h2>
      <Status loading={loading} error={error} onRetry={reload} />
      {data && (
        <p data-testid="health-counted">
          {t('healthCounted', {
            shown: data.misses.length,
            total: data.page.total,
            overCap: data.counted.overCap,
            unknown: data.counted.unknownProfile,
            officials: data.counted.officials,
          })}
        </p>
      )}
      {data && (
        <DataTable
          caption={t('healthTable')}
          csvName="profile-health"
          rows={data.misses}
          rowKey={(m) => `${m.profileId}/${m.profileVersion}/${m.pageKind}/${m.anchor}`}
          empty={t('noMisses')}
          testId="health-table"
          columns={[
            { key: 'profile', header: t('colProfileId'), value: (m) => `${m.profileId} v${m.profileVersion}` },
            { key: 'page', header: t('colPageKind'), value: (m) => m.pageKind },
            { key: 'anchor', header: t('colAnchor'), value: (m) => m.anchor, cell: (m) => <code>{m.anchor}</code> },
            { key: 'count', header: t('colCount'), numeric: true, value: (m) => m.count },
            { key: 'units', header: t('colUnits'), numeric: true, value: (m) => m.units },
            { key: 'first', header: t('colFirstAt'), value: (m) => formatDateTime(m.firstAt) },
            { key: 'last', header: t('colLastAt'), value: (m) => formatDateTime(m.lastAt) },
            { key: 'who', header: t('colLastOfficial'), value: (m) => m.lastOfficialUsername ?? m.lastOfficialId },
            { key: 'superseded', header: t('colSuperseded'), value: (m) => (m.superseded ? `${t('yes')} (v${m.latestVersion})` : t('no')) },
          ]}
        />
      )}
      {data && (
        <DataTable
          caption={t('healthPersonalTable')}
          csvName="profile-health-personal-data"
          rows={data.personalData}
          rowKey={(m) => `${m.profileId}/${m.profileVersion}/${m.field}/${m.kind}`}
          empty={t('noPersonalData')}
          testId="health-personal-data"
          columns={[
            { key: 'profile', header: t('colProfileId'), value: (m) => `${m.profileId} v${m.profileVersion}` },
            { key: 'field', header: t('colField'), value: (m) => m.field, cell: (m) => <code>{m.field}</code> },
            { key: 'kind', header: t('colLooksLike'), value: (m) => PERSONAL_DATA_LABELS[m.kind as PersonalDataKind]?.[lang] ?? m.kind },
            { key: 'count', header: t('colCount'), numeric: true, value: (m) => m.count },
            { key: 'units', header: t('colUnits'), numeric: true, value: (m) => m.units },
            { key: 'last', header: t('colLastAt'), value: (m) => formatDateTime(m.lastAt) },
          ]}
        />
      )}
      {data && (
        <DataTable
          caption={t('healthReceiversTable')}
          csvName="profile-health-receivers"
          rows={data.receivers}
          rowKey={(m) => `${m.profileId}/${m.profileVersion}/${m.receiver}`}
          empty={t('noReceivers')}
          testId="health-receivers"
          columns={[
            { key: 'profile', header: t('colProfileId'), value: (m) => `${m.profileId} v${m.profileVersion}` },
            {
              key: 'receiver',
              header: t('colReceiver'),
              value: (m) => (m.receiver === 'not_read' ? t('receiverNotRead') : t('receiverUnknown')),
            },
            { key: 'count', header: t('colCount'), numeric: true, value: (m) => m.count },
            { key: 'last', header: t('colLastAt'), value: (m) => formatDateTime(m.lastAt) },
          ]}
        />
      )}
    </section>
  );
}
