import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/i18n.tsx';
import { csvFilename, downloadText, toCsv, type Cell } from '../lib/csv.ts';

export type Column<R> = {
  key: string;
  header: string;
  /** The value the CSV gets: the same figure the cell shows, without formatting. */
  value: (row: R) => Cell;
  /** What the cell shows; defaults to the value. */
  cell?: (row: R) => ComponentChildren;
  numeric?: boolean;
  /** In the CSV only (an id the screen already shows under a name). */
  csvOnly?: boolean;
};

/**
 * Every table the dashboard shows: a caption, column headers, the first column as row headers,
 * and its CSV built from exactly the rows on screen. The wrapper scrolls wide tables and is
 * focusable so keyboard users can scroll it too.
 */
export function DataTable<R>(props: {
  caption: string;
  columns: Column<R>[];
  rows: R[];
  rowKey: (row: R) => string;
  csvName: string;
  csvSuffix?: string;
  empty?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const { caption, rows } = props;
  const columns = props.columns.filter((c) => !c.csvOnly);
  const download = () => {
    const all = props.columns;
    const data: Cell[][] = [all.map((c) => c.header), ...rows.map((r) => all.map((c) => c.value(r)))];
    downloadText(csvFilename(props.csvName, props.csvSuffix), toCsv(data));
  };
  return (
    <div class="table-block" data-testid={props.testId}>
      <div class="table-tools">
        <button type="button" class="secondary" onClick={download} aria-label={t('downloadCsvOf', { name: caption })}>
          {t('downloadCsv')}
        </button>
      </div>
      <div class="table-scroll" role="region" aria-label={t('tableRegion', { name: caption })} tabIndex={0}>
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th scope="col" class={c.numeric ? 'num' : undefined} key={c.key}>
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={columns.length}>{props.empty ?? t('none')}</td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={props.rowKey(r)}>
                {columns.map((c, i) => {
                  const content = c.cell ? c.cell(r) : (c.value(r) ?? '—');
                  const cls = c.numeric ? 'num' : undefined;
                  return i === 0 ? (
                    <th scope="row" class={cls} key={c.key}>
                      {content}
                    </th>
                  ) : (
                    <td class={cls} key={c.key}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
