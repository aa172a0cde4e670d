/**
 * The one CSV writer (the API's exports and reports, the dashboard's table downloads).
 * RFC 4180 CSV for people who open it in Excel: UTF-8 with a byte-order mark (without it Excel
 * reads Vietnamese as mojibake), CRLF line ends, a field quoted when it holds a quote, comma or
 * line break, quotes doubled inside.
 */
export const BOM = '\uFEFF';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * A text cell that starts like a formula (= + - @, or a tab/CR that Excel skips) is prefixed with
 * an apostrophe, so a note typed as "=HYPERLINK(…)" stays text in a spreadsheet (CSV injection).
 * Numbers are written as numbers, so negative figures are untouched.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}

/** The whole document in memory: for small, stored files (an inspection's CSV). */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  let out = BOM + csvLine(header);
  for (const r of rows) out += csvLine(r);
  return out;
}

/** Streamed, for exports of any size: the header first, then rows as the source yields them. */
export async function* csvChunks(header: readonly string[], rows: AsyncIterable<readonly CsvValue[]>): AsyncGenerator<string> {
  yield BOM + csvLine(header);
  let buffer = '';
  for await (const r of rows) {
    buffer += csvLine(r);
    // Fewer, larger chunks: one per row would cost more in stream overhead than in writing.
    if (buffer.length > 64_000) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}
