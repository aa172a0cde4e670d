import { readSheet } from 'read-excel-file/node';

/** A file read as text cells; nothing is kept but what the caller picks from it. */
export type Table = string[][];

export class UnreadableFile extends Error {}

/** RFC 4180: quoted fields with doubled quotes and line breaks inside, CRLF or LF, a BOM ignored. */
export function readCsv(text: string): Table {
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
    else if (ch === ',' || ch === ';') {
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
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date cell holds wall-clock time without a zone; the reader gives it as that instant in UTC. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return `${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}`;
  return String(v);
}

/** The first sheet of an xlsx workbook; formulas are not evaluated, their cached values are read. */
export async function readXlsx(bytes: Buffer): Promise<Table> {
  let sheet: unknown[][];
  try {
    sheet = (await readSheet(bytes)) as unknown[][];
  } catch (err) {
    throw new UnreadableFile(`Không đọc được tệp xlsx / Not a readable xlsx file: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300));
  }
  return sheet.map((r) => r.map(cellText)).filter((r) => r.some((c) => c.trim() !== ''));
}
