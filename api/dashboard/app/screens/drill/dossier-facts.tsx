import { labelOf, useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { formatDateTime } from '../../../../../shared/format/format.ts';
import type { DossierSummary } from '../../lib/types.ts';

/** The dossier's summary as a description list: label, then value. */
export function DossierFacts(props: { dossier: DossierSummary; nameOf: (id: string | null) => string }) {
  const { t } = useI18n();
  const d = props.dossier;
  const facts: [MessageKey, string][] = [
    ['fieldProcedure', d.procedureCode ?? '—'],
    ['fieldReceived', formatDateTime(d.receivedAt)],
    ['fieldAppointment', formatDateTime(d.appointmentAt)],
    ['fieldEffective', formatDateTime(d.effectiveAppointmentAt)],
    ['fieldFinished', d.finishedAt ? `${formatDateTime(d.finishedAt)} (${labelOf(t, 'action', d.finishedAction)})` : '—'],
    ['fieldTimeliness', labelOf(t, 'timeliness', d.timeliness)],
    [
      'fieldHolder',
      `${labelOf(t, 'holder', d.holderState)}${d.currentHolderId ? `: ${props.nameOf(d.currentHolderId)}` : ''}${d.currentStep ? ` (${d.currentStep})` : ''}`,
    ],
    ['fieldSupplements', String(d.supplementRequests)],
    ['fieldOpenFlags', String(d.openFlags)],
  ];
  return (
    <section aria-labelledby="summary-title">
      <h2 id="summary-title">{t('summaryTitle')}</h2>
      <dl class="facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{t(k)}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
