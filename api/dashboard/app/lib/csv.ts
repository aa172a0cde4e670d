import { BOM, csvLine, type CsvValue } from '../../../../shared/csv/csv-writer.ts';

export type Cell = CsvValue;

/** The rows as CSV text, written by the shared writer (RFC 4180, formula-safe). */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return rows.map(csvLine).join('');
}

/** Saves text as a file; the BOM makes spreadsheet programs read the Vietnamese as UTF-8. */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const blob = new Blob([type.startsWith('text/csv') ? BOM : '', text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: the download may still be reading the blob when click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** `units-2025-11-01_2025-11-28.csv`: ASCII only, so every file system keeps the name. */
export function csvFilename(name: string, suffix?: string): string {
  const base = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${base || 'table'}${suffix ? `-${suffix}` : ''}.csv`;
}
