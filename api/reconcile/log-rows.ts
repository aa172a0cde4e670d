import { createHash } from 'node:crypto';
import { ACTION_KINDS, ACTION_LABELS_VI, DOSSIER_CODE_RE, PROCEDURE_CODE_RE, type ActionKind } from '../../shared/schemas/dossier-code.ts';
import { textProblem } from '../../shared/schemas/safe-text.ts';
import { VIETNAM_OFFSET_MS } from '../../shared/calendar/civil-date.ts';
import type { MappingBody, LogFact } from './reconcile.schemas.ts';
import type { Table } from './table-reader.ts';

/** One row of the handling log, reduced to the whitelisted facts. */
export interface LogFacts {
  dossierCode: string;
  procedureCode: string | null;
  step: string | null;
  action: ActionKind;
  actor: string;
  receiver: string | null;
  at: number;
}

export type RowOutcome = { row: number; facts: LogFacts; error: null } | { row: number; facts: null; error: string };

export interface ReadLog {
  headers: string[];
  usedColumns: string[];
  droppedColumns: string[];
  rows: RowOutcome[];
}

const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

/** The national labels (DOMAIN.md), the kinds' own names, common variants, then the mapping's own. */
function actionLabels(extra: Record<string, ActionKind> = {}): Map<string, ActionKind> {
  const m = new Map<string, ActionKind>();
  for (const k of ACTION_KINDS) {
    m.set(norm(k), k);
    m.set(norm(ACTION_LABELS_VI[k]), k);
  }
  m.set(norm('Xin lỗi'), 'apology');
  m.set(norm('Ký duyệt'), 'approve');
  for (const [label, kind] of Object.entries(extra)) m.set(norm(label), kind);
  return m;
}

/** `dd/MM/yyyy HH:mm[:ss]` in Vietnam's time (UTC+7, no daylight saving); null when not a real instant. */
export function parseLocalDateTime(text: string): number | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*$/.exec(text);
  if (!m) return null;
  const [dd, mo, yyyy, hh, mi, ss] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as number[];
  if (hh! > 23 || mi! > 59 || ss! > 59 || yyyy! < 1970 || yyyy! > 2999) return null;
  const wall = Date.UTC(yyyy!, mo! - 1, dd!, hh!, mi!, ss!);
  const d = new Date(wall);
  if (d.getUTCDate() !== dd || d.getUTCMonth() !== mo! - 1) return null;
  return wall - VIETNAM_OFFSET_MS;
}

/** The header row: the first of the first 20 rows naming every required column. */
function findHeader(table: Table, required: string[]): number {
  const want = required.map(norm);
  for (let i = 0; i < Math.min(20, table.length); i++) {
    const cells = new Set(table[i]!.map(norm));
    if (want.every((w) => cells.has(w))) return i;
  }
  return -1;
}

const ACCOUNT_RE = /^[\p{L}\p{N}._@-]{1,100}$/u;

/**
 * Reads the log through the mapping: only the mapped columns are looked at; the others are
 * named as dropped and never leave this function. Each row becomes its facts or its error.
 */
export function readLog(table: Table, mapping: Pick<MappingBody, 'columns' | 'actions'>): ReadLog | { error: string; headers: string[] } {
  const cols = mapping.columns;
  const required = [cols.dossierCode, cols.action, cols.actor, cols.at];
  const h = findHeader(table, required);
  if (h < 0) {
    return {
      error: `Không thấy dòng tiêu đề có các cột ${required.map((r) => `"${r}"`).join(', ')} / No header row with these columns`,
      headers: (table[0] ?? []).map((c) => c.trim()),
    };
  }
  const headers = table[h]!.map((c) => c.trim());
  const index = new Map<LogFact, number>();
  for (const [fact, name] of Object.entries(cols) as [LogFact, string | undefined][]) {
    if (name === undefined) continue;
    const i = headers.findIndex((x) => norm(x) === norm(name));
    if (i >= 0) index.set(fact, i);
  }
  const used = new Set(index.values());
  const labels = actionLabels(mapping.actions);
  const rows: RowOutcome[] = [];
  for (let r = h + 1; r < table.length; r++) {
    const cells = table[r]!;
    if (cells.every((c) => c.trim() === '')) continue;
    const get = (f: LogFact) => {
      const i = index.get(f);
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const row = r + 1;
    const fail = (error: string) => rows.push({ row, facts: null, error });
    const problem = [...index.values()].map((i) => textProblem(cells[i] ?? '')).find((p) => p !== null);
    if (problem) {
      fail(problem);
      continue;
    }
    const dossierCode = get('dossierCode');
    if (!DOSSIER_CODE_RE.test(dossierCode)) {
      fail(`Mã hồ sơ không đúng dạng / Not a dossier code: "${dossierCode.slice(0, 40)}"`);
      continue;
    }
    const procedureCode = get('procedureCode') || null;
    if (procedureCode !== null && !PROCEDURE_CODE_RE.test(procedureCode)) {
      fail(`Mã thủ tục không đúng dạng / Not a procedure code: "${procedureCode.slice(0, 40)}"`);
      continue;
    }
    const label = get('action');
    const action = labels.get(norm(label));
    if (!action) {
      fail(`Thao tác không rõ / Unknown action: "${label.slice(0, 60)}"`);
      continue;
    }
    const actor = get('actor');
    if (!ACCOUNT_RE.test(actor)) {
      fail(`Tài khoản cán bộ thực hiện không hợp lệ / Not an account: "${actor.slice(0, 40)}"`);
      continue;
    }
    const receiver = get('receiver') || null;
    if (receiver !== null && !ACCOUNT_RE.test(receiver)) {
      fail(`Tài khoản cán bộ nhận không hợp lệ / Not an account: "${receiver.slice(0, 40)}"`);
      continue;
    }
    const atText = get('at');
    const at = parseLocalDateTime(atText);
    if (at === null) {
      fail(`Thời gian phải là dd/MM/yyyy HH:mm có thật / Time must be a real dd/MM/yyyy HH:mm: "${atText.slice(0, 40)}"`);
      continue;
    }
    const step = get('step').slice(0, 200) || null;
    rows.push({ row, facts: { dossierCode, procedureCode, step, action, actor, receiver, at }, error: null });
  }
  return {
    headers,
    usedColumns: headers.filter((_, i) => used.has(i)),
    droppedColumns: headers.filter((x, i) => !used.has(i) && x !== ''),
    rows,
  };
}

/** A row's identity is its facts: the same action read again (another file, an overlapping period) is the same row. */
export function rowKey(f: LogFacts): string {
  return createHash('sha256')
    .update(JSON.stringify([f.dossierCode, f.action, f.actor, f.receiver, f.at]))
    .digest('hex')
    .slice(0, 32);
}
