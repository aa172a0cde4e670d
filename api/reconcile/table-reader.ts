import { readSheet } from 'read-excel-file/node';

/** A file read as text cells; nothing is kept but what the caller picks from it. */
export type Table = string[][];

export class UnreadableFile extends Error {}

/** Excel in a Vietnamese locale may save with semicolons: the header line says which. */
function delimiterOf(text: string): ',' | ';' {
  const nl = text.search(/\r|\n/);
  const first = nl < 0 ? text : text.slice(0, nl);
  return (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** RFC 4180: quoted fields with doubled quotes and line breaks inside, CRLF or LF, a BOM ignored. */
export function readCsv(text: string): Table {
  const sep = delimiterOf(text);
  const rows: Table = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw new UnreadableFile('Dấu ngoặc kép không đóng / Unclosed quote in the CSV');
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  // Blank lines are kept: row numbers in errors are the file's own.
  return rows;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date cell holds wall-clock time without a zone; the reader gives it as that instant in UTC. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date)
    return `${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}`;
  return String(v);
}

/** What a tracking book of 100,000 rows inflates to, with room; a file declaring more is refused unread. */
export const MAX_XLSX_INFLATED = 256 * 1024 * 1024;

/**
 * The uncompressed size the zip's central directory declares for all its parts, or null when it
 * is no zip. Read before inflating, so a small file that would inflate to gigabytes is refused.
 */
export function declaredZipSize(bytes: Buffer): number | null {
  // End of central directory: signature, then (at +10) entries and (at +16) the directory's offset.
  for (let eocd = bytes.length - 22; eocd >= Math.max(0, bytes.length - 22 - 0xffff); eocd--) {
    if (bytes.readUInt32LE(eocd) !== 0x06054b50) continue;
    const entries = bytes.readUInt16LE(eocd + 10);
    let at = bytes.readUInt32LE(eocd + 16);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null;
      const size = bytes.readUInt32LE(at + 24);
      // 0xffffffff: the size is in a ZIP64 extra field; treat it as too large.
      total += size === 0xffffffff ? Number.MAX_SAFE_INTEGER : size;
      at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    }
    return total;
  }
  return null;
}

/** The first sheet of an xlsx workbook; formulas are not evaluated, their cached values are read. */
export async function readXlsx(bytes: Buffer): Promise<Table> {
  const inflated = bytes.length >= 22 ? declaredZipSize(bytes) : null;
  if (inflated === null) throw new UnreadableFile('Không phải tệp xlsx (zip) / Not an xlsx (zip) file');
  if (inflated > MAX_XLSX_INFLATED)
    throw new UnreadableFile(`Tệp xlsx giải nén quá lớn / The xlsx inflates to more than ${MAX_XLSX_INFLATED / 1024 / 1024} MiB`);
  let sheet: unknown[][];
  try {
    sheet = (await readSheet(bytes)) as unknown[][];
  } catch (err) {
    throw new UnreadableFile(
      `Không đọc được tệp xlsx / Not a readable xlsx file: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300),
    );
  }
  return sheet.map((r) => r.map(cellText));
}
