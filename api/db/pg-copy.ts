import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

type Cell = string | number | bigint | boolean | null | undefined;

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function cell(v: Cell): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v !== 'string') return String(v);
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : v;
}

/** The columns of a batch of row objects: every key any of them carries, first row's order first. */
export function columnsOf(rows: readonly object[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

/**
 * Writes row objects into `table` with COPY … FROM STDIN (text format), the columns taken from
 * the rows themselves, so a column added to a derived row is written without this changing.
 * Resolves with the number of rows the server stored.
 */
export async function copyObjects(client: pg.ClientBase, table: string, rows: readonly object[]): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = columnsOf(rows);
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  // Chunks of a few thousand rows: the text of a million rows is never held at once.
  function* chunks() {
    for (let i = 0; i < rows.length; i += 2000) {
      let text = '';
      for (let j = i; j < Math.min(rows.length, i + 2000); j++) {
        const r = rows[j] as Record<string, Cell>;
        for (let c = 0; c < columns.length; c++) text += (c ? '\t' : '') + cell(r[columns[c]!]);
        text += '\n';
      }
      yield text;
    }
  }
  await pipeline(Readable.from(chunks()), stream);
  return Number(stream.rowCount);
}
