import { useI18n } from '../i18n/i18n.tsx';
import { query } from '../lib/api-client.ts';

export type ServerCsv = { label: string; path: string; params: Record<string, string | undefined> };

/**
 * The event log of what is on screen (period, unit subtree) for process-mining tools, and the
 * API's own CSV of the tables. Plain links: the browser sends the session cookie, the API streams
 * the file with Content-Disposition, and nothing is held in the page's memory.
 */
export function ExportsPanel(props: { from: string; to: string; unitId?: string; tables?: ServerCsv[] }) {
  const { t } = useI18n();
  const filters = query({ from: props.from, to: props.to, unitId: props.unitId });
  return (
    <section aria-labelledby="exports-title" class="exports">
      <h2 id="exports-title">{t('exportsTitle')}</h2>
      <p>{t('exportsIntro')}</p>
      <ul class="export-links">
        <li>
          <a href={`/v1/exports/events.xes${filters}`} download data-testid="export-xes">
            {t('exportXes')}
          </a>
        </li>
        <li>
          <a href={`/v1/exports/events.ocel.json${filters}`} download data-testid="export-ocel">
            {t('exportOcel')}
          </a>
        </li>
        {(props.tables ?? []).map((tb) => (
          <li key={tb.path}>
            <a href={`/v1/exports/${tb.path}${query(tb.params)}`} download>
              {t('exportTableCsv', { table: tb.label })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
