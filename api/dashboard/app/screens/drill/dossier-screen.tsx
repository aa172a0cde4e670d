import { Breadcrumb } from '../../components/breadcrumb.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { Status } from '../../components/status.tsx';
import { labelOf, useI18n } from '../../i18n/i18n.tsx';
import { api } from '../../lib/api-client.ts';
import { formatDateTime, formatHours } from '../../../../../shared/format/format.ts';
import { officialNames } from '../../lib/official-names.ts';
import { unitName } from '../../lib/unit-names.ts';
import { href } from '../../lib/router.ts';
import type { DossierDetail } from '../../lib/types.ts';
import { useLoad } from '../../lib/use-fetch.ts';
import { CustodyChart } from './custody-chart.tsx';
import { DossierFacts } from './dossier-facts.tsx';
import { FlagCard } from './flag-card.tsx';

/** Drill-down step 4: one dossier's custody, pauses, flags with their evidence, and captured events. */
export function DossierScreen(props: {
  code: string;
  back: { unit?: string; official?: string; name?: string; params: Record<string, string | undefined> };
}) {
  const { t, lang } = useI18n();
  const { code, back } = props;
  const { data, error, loading, reload } = useLoad(code, async () => {
    const [detail, names, unit] = await Promise.all([
      api<DossierDetail>(`/v1/dossiers/${encodeURIComponent(code)}`),
      officialNames(),
      back.unit ? unitName(back.unit) : null,
    ]);
    for (const s of detail.segments) if (s.holder.displayName) names.set(s.holder.id, s.holder.displayName);
    return { detail, names, unit, loadedAt: Date.now() };
  });
  const nameOf = (id: string | null) => (id ? (data?.names.get(id) ?? id) : '—');
  const crumbs: { label: string; href?: string }[] = [{ label: t('navOverview'), href: href('/', back.params) }];
  if (back.unit) crumbs.push({ label: data?.unit ?? back.unit, href: href(`/units/${encodeURIComponent(back.unit)}`, back.params) });
  if (back.unit && back.official)
    crumbs.push({
      label: back.name ?? back.official,
      href: href(`/units/${encodeURIComponent(back.unit)}/officials/${encodeURIComponent(back.official)}`, {
        ...back.params,
        name: back.name,
      }),
    });
  crumbs.push({ label: code });
  const d = data?.detail;
  const events = new Map((d?.events ?? []).map((e) => [e.id, e]));
  return (
    <>
      <Breadcrumb items={crumbs} />
      <h1>{t('timelineTitle', { code })}</h1>
      <Status loading={loading} error={error} onRetry={reload} />
      {d && data && (
        <>
          <DossierFacts dossier={d.dossier} nameOf={nameOf} />
          <section aria-labelledby="custody-title">
            <h2 id="custody-title">{t('custodyTitle')}</h2>
            <CustodyChart segments={d.segments} pauses={d.pauses} now={data.loadedAt} />
            <DataTable
              caption={t('custodyTable')}
              csvName="custody"
              csvSuffix={code}
              rows={d.segments}
              rowKey={(s) => String(s.seq)}
              testId="custody-table"
              columns={[
                { key: 'holder', header: t('colHolder'), value: (s) => s.holder.displayName ?? s.holder.id },
                { key: 'step', header: t('colStep'), value: (s) => s.stepLabel ?? s.step ?? '—' },
                { key: 'from', header: t('colFrom'), value: (s) => formatDateTime(s.from) },
                { key: 'to', header: t('colTo'), value: (s) => (s.to ? formatDateTime(s.to) : t('stillHolding')) },
                {
                  key: 'working',
                  header: t('colWorkingHours'),
                  numeric: true,
                  value: (s) => s.workingHours,
                  cell: (s) => formatHours(s.workingHours, lang),
                },
                {
                  key: 'active',
                  header: t('colActiveHours'),
                  numeric: true,
                  value: (s) => s.activeHours,
                  cell: (s) => formatHours(s.activeHours, lang),
                },
                { key: 'ended', header: t('colEndedBy'), value: (s) => labelOf(t, 'action', s.endedBy) },
                { key: 'known', header: t('colStartKnown'), value: (s) => (s.startKnown ? t('yes') : t('no')) },
                {
                  key: 'evidence',
                  header: t('colEvidence'),
                  value: (s) => `${labelOf(t, 'evidence', s.evidence)}${s.contested ? ` ${t('contestedNote')}` : ''}`,
                },
                {
                  key: 'claimedBy',
                  header: t('colClaimedBy'),
                  value: (s) => (s.claimedBy ? (s.claimedBy.displayName ?? s.claimedBy.id) : '—'),
                },
                {
                  key: 'blamed',
                  header: t('colBlamedHours'),
                  numeric: true,
                  value: (s) => s.blamedHours,
                  cell: (s) => formatHours(s.blamedHours, lang),
                },
              ]}
            />
            {d.pauses.length > 0 && (
              <DataTable
                caption={t('pausesTable')}
                csvName="pauses"
                csvSuffix={code}
                rows={d.pauses}
                rowKey={(p) => String(p.from)}
                columns={[
                  { key: 'from', header: t('colFrom'), value: (p) => formatDateTime(p.from) },
                  { key: 'to', header: t('colTo'), value: (p) => formatDateTime(p.to) },
                  {
                    key: 'working',
                    header: t('colWorkingHours'),
                    numeric: true,
                    value: (p) => p.workingHours,
                    cell: (p) => formatHours(p.workingHours, lang),
                  },
                  { key: 'reason', header: t('colReason'), value: () => t('reasonSupplement') },
                ]}
              />
            )}
          </section>
          <section aria-labelledby="flags-title">
            <h2 id="flags-title">{t('flagsTitle')}</h2>
            {d.flags.length === 0 ? (
              <p>{t('noFlags')}</p>
            ) : (
              d.flags.map((f) => <FlagCard key={f.key} flag={f} events={events} nameOf={nameOf} />)
            )}
          </section>
          <section aria-labelledby="events-title">
            <h2 id="events-title">{t('eventsTable')}</h2>
            <DataTable
              caption={t('eventsTable')}
              csvName="events"
              csvSuffix={code}
              rows={d.events}
              rowKey={(e) => e.id}
              columns={[
                { key: 'at', header: t('colAt'), value: (e) => formatDateTime(e.at) },
                { key: 'kind', header: t('colKind'), value: (e) => labelOf(t, 'kind', e.kind) },
                { key: 'action', header: t('colAction'), value: (e) => (e.action ? labelOf(t, 'action', e.action) : '—') },
                { key: 'official', header: t('colOfficial'), value: (e) => nameOf(e.officialId) },
                { key: 'to', header: t('colTo'), value: (e) => (e.toOfficialId ? nameOf(e.toOfficialId) : '—') },
                { key: 'step', header: t('colStep'), value: (e) => e.step ?? '—' },
                { key: 'id', header: t('colEventId'), value: (e) => e.id, cell: (e) => <code>{e.id}</code> },
              ]}
            />
          </section>
        </>
      )}
    </>
  );
}
