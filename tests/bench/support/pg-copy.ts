import type pg from 'pg';

/**
 * COPY … FROM STDIN over the client's own protocol connection. The project has no
 * pg-copy-streams, and multi-row INSERTs cost several times more server CPU than COPY when a
 * province-year (millions of rows) is loaded on a two-core machine.
 */
type Cell = string | number | bigint | null | undefined;

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function cell(v: Cell): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v !== 'string') return String(v);
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]!) : v;
}

/** Text-format lines for COPY; rows are arrays in the column order of the COPY statement. */
export function copyText(rows: readonly (readonly Cell[])[]): string {
  let out = '';
  for (const r of rows) out += r.map(cell).join('\t') + '\n';
  return out;
}

class CopyIn {
  readonly text: string;
  private readonly chunks: Buffer[];
  private error: Error | null = null;
  private rows = 0;
  callback?: (err: Error | null, rows?: number) => void;
  constructor(text: string, body: string) {
    this.text = text;
    const buf = Buffer.from(body, 'utf8');
    // Protocol messages stay modest in size; the server accepts any split of the stream.
    this.chunks = [];
    for (let i = 0; i < buf.length; i += 1 << 20) this.chunks.push(buf.subarray(i, i + (1 << 20)));
  }
  submit(connection: any) {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: any) {
    for (const c of this.chunks) connection.sendCopyFromChunk(c);
    connection.endCopyFrom();
  }
  handleCommandComplete(msg: { text?: string }) {
    this.rows = Number(/(\d+)$/.exec(msg.text ?? '')?.[1] ?? 0);
  }
  handleError(err: Error) {
    this.error = err;
  }
  handleReadyForQuery() {
    this.callback?.(this.error, this.rows);
  }
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyData() {}
}

/** Streams `rows` into `table (columns)`; resolves with the number of rows the server stored. */
export function copyRows(client: pg.ClientBase, table: string, columns: readonly string[], rows: readonly (readonly Cell[])[]): Promise<number> {
  if (rows.length === 0) return Promise.resolve(0);
  const q = new CopyIn(`COPY ${table} (${columns.join(', ')}) FROM STDIN`, copyText(rows));
  return new Promise((resolve, reject) => {
    q.callback = (err, n) => (err ? reject(err) : resolve(n ?? 0));
    (client as any).query(q);
  });
}
