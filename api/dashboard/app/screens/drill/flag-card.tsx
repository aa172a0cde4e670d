import { DataTable } from '../../components/data-table.tsx';
import { labelOf, useI18n } from '../../i18n/i18n.tsx';
import { formatDateTime, formatHours } from '../../../../../shared/format/format.ts';
import type { FlagView, TimelineEvent } from '../../lib/types.ts';

const detailText = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** One flag: what rule, how bad, since when, who answers for it, and the captured events that prove it. */
export function FlagCard(props: { flag: FlagView; events: Map<string, TimelineEvent>; nameOf: (id: string | null) => string }) {
  const { t, lang } = useI18n();
  const f = props.flag;
  const evidence = f.evidence.map(
    (id) => props.events.get(id) ?? { id, kind: '?', at: null, officialId: '', action: null, toOfficialId: null, step: null, status: null },
  );
  const rule = labelOf(t, 'rule', f.rule);
  return (
    <article class={`flag flag-${f.severity}`} aria-labelledby={`flag-${f.key}`} data-testid="flag">
      <h3 id={`flag-${f.key}`}>{t('flagHeading', { rule, severity: labelOf(t, 'severity', f.severity) })}</h3>
      <p>
        {t('flagSince', {
          since: formatDateTime(f.since),
          age: formatHours(f.ageHours, lang),
          over: formatHours(f.hoursOver, lang),
          status: f.status === 'open' ? t('flagOpen') : t('flagClosed', { at: formatDateTime(f.closedAt) }),
        })}
      </p>
      {f.officialId && <p>{t('flagOfficial', { name: props.nameOf(f.officialId) })}</p>}
      {Object.keys(f.details).length > 0 && (
        <details>
          <summary>{t('flagDetails')}</summary>
          <dl class="facts">
            {Object.entries(f.details).map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{detailText(v)}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
      <DataTable
        caption={`${t('evidence', { n: evidence.length })} — ${rule}`}
        csvName={`evidence-${f.rule}`}
        csvSuffix={f.dossierCode}
        rows={evidence}
        rowKey={(e) => e.id}
        columns={[
          { key: 'at', header: t('colAt'), value: (e) => formatDateTime(e.at) },
          { key: 'kind', header: t('colKind'), value: (e) => labelOf(t, 'kind', e.kind) },
          { key: 'action', header: t('colAction'), value: (e) => (e.action ? labelOf(t, 'action', e.action) : '—') },
          { key: 'official', header: t('colOfficial'), value: (e) => props.nameOf(e.officialId) },
          { key: 'step', header: t('colStep'), value: (e) => e.step ?? '—' },
          { key: 'id', header: t('colEventId'), value: (e) => e.id, cell: (e) => <code>{e.id}</code> },
        ]}
      />
    </article>
  );
}
