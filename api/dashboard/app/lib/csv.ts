export type Cell = string | number | boolean | null | undefined;

/** RFC 4180: quote fields with a comma, quote or line break; double the quotes inside. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  const field = (v: Cell) => {
    const s = v === null || v === undefined ? '' : String(v);
    // A leading = + - @ would run as a formula in a spreadsheet (CSV injection).
    const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

/** Saves text as a file; the BOM makes spreadsheet programs read the Vietnamese as UTF-8. */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const blob = new Blob([type.startsWith('text/csv') ? '\uFEFF' : '', text], { type });
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
