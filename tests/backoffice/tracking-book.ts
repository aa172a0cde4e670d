/**
 * What the simulated back-offices export from their own record, as provinces' systems do: the
 * dossier tracking book ("sổ theo dõi hồ sơ", one row per handling action, Vietnamese headers,
 * `dd/MM/yyyy HH:mm`, the applicant's personal data beside the facts) as CSV or xlsx, and per
 * dossier the process control slip ("phiếu kiểm soát quá trình giải quyết hồ sơ"). Built from
 * each dossier's transfer history, which is the back-office's ground truth (seeded moves included).
 */
import writeExcelFile from 'write-excel-file/node';
import { csvDocument } from '../../shared/csv/csv-writer.ts';
import type { ActionKind } from '../../shared/schemas/dossier.ts';
import { formatDateTime } from './format.ts';
import type { Dossier, HistoryEntry } from './model.ts';
import { BUTTON_LABELS } from './rules.ts';
import type { Store } from './store.ts';

export const TRACKING_BOOK_HEADER = [
  'STT',
  'Mã hồ sơ',
  'Mã thủ tục',
  'Người nộp hồ sơ',
  'Số CCCD',
  'Số điện thoại',
  'Địa chỉ',
  'Bước xử lý',
  'Thao tác',
  'Cán bộ thực hiện',
  'Cán bộ nhận',
  'Thời gian thực hiện',
  'Ghi chú',
] as const;

/** The columns that hold citizens' personal data: what an importer must drop. */
export const PERSONAL_COLUMNS = ['Người nộp hồ sơ', 'Số CCCD', 'Số điện thoại', 'Địa chỉ'] as const;

export interface BookFilter {
  /** Only these units' dossiers (the unit a code names). */
  unitIds?: readonly string[];
  /** Instants (ms), inclusive from, exclusive to. */
  from?: number;
  to?: number;
}

export interface BookEntry {
  dossier: Dossier;
  entry: HistoryEntry;
}

/** Every history entry in the filter, in time order (then dossier code), as the book lists them. */
export function bookEntries(store: Store, filter: BookFilter = {}): BookEntry[] {
  const out: BookEntry[] = [];
  for (const d of store.dossiers) {
    if (filter.unitIds && !filter.unitIds.includes(d.unitId)) continue;
    for (const entry of d.history) {
      const t = Date.parse(entry.at);
      if (filter.from !== undefined && t < filter.from) continue;
      if (filter.to !== undefined && t >= filter.to) continue;
      out.push({ dossier: d, entry });
    }
  }
  return out.sort(
    (a, b) =>
      Date.parse(a.entry.at) - Date.parse(b.entry.at) || (a.dossier.code < b.dossier.code ? -1 : a.dossier.code > b.dossier.code ? 1 : 0),
  );
}

export function trackingBookRows(store: Store, filter: BookFilter = {}): string[][] {
  return bookEntries(store, filter).map(({ dossier: d, entry: h }, i) => [
    String(i + 1),
    d.code,
    d.procedureCode,
    d.applicant.name,
    d.applicant.idNumber,
    d.applicant.phone,
    d.applicant.address,
    h.stepBefore ?? '',
    BUTTON_LABELS[h.action],
    h.from,
    h.to ?? '',
    formatDateTime(h.at),
    h.note,
  ]);
}

export function trackingBookCsv(store: Store, filter: BookFilter = {}): string {
  return csvDocument(TRACKING_BOOK_HEADER, trackingBookRows(store, filter));
}

/** The xlsx a back-office offers: a title line, a blank line, then the header and rows, all text. */
export async function trackingBookXlsx(store: Store, filter: BookFilter = {}): Promise<Buffer> {
  const title = [{ value: 'SỔ THEO DÕI HỒ SƠ', fontWeight: 'bold' as const }];
  const data = [
    title,
    [],
    [...TRACKING_BOOK_HEADER].map((value) => ({ value, fontWeight: 'bold' as const })),
    ...trackingBookRows(store, filter).map((r) => r.map((value) => ({ value, type: String }))),
  ];
  return writeExcelFile(data as never).toBuffer();
}

/** A line of the process control slip: who handed the dossier to whom, when, and how the step went. */
export interface SlipLine {
  giver: string | null;
  receiver: string | null;
  at: string;
  action: ActionKind;
  step: string | null;
  /** The receiver's deadline for the step. */
  deadline: string | null;
  /** 'Đúng hạn' / 'Quá hạn' once the receiver acted on it; '' while open or without a deadline. */
  lateness: '' | 'Đúng hạn' | 'Quá hạn';
}

const SLIP_ACTIONS: ReadonlySet<ActionKind> = new Set([
  'receive',
  'forward',
  'return',
  'transfer',
  'approve',
  'supplement_done',
  'recall',
  'reject',
  'stop',
  'finish',
  'return_result',
]);

/**
 * The slip's lines: the reception, every hand-over between officials, and the end. A reception
 * has no giver (the citizen); an end has no receiver.
 */
export function controlSlip(dossier: Dossier): SlipLine[] {
  const lines: SlipLine[] = [];
  const h = dossier.history;
  for (let i = 0; i < h.length; i++) {
    const e = h[i]!;
    if (!SLIP_ACTIONS.has(e.action)) continue;
    if (e.action === 'supplement_done' && !e.to) continue;
    const receiver = e.action === 'receive' || e.action === 'recall' ? e.from : e.to;
    const giver = e.action === 'receive' ? null : e.from;
    const next = receiver ? h.slice(i + 1).find((x) => x.from === receiver) : undefined;
    const lateness = !e.deadline || !next ? '' : Date.parse(next.at) <= Date.parse(e.deadline) ? 'Đúng hạn' : 'Quá hạn';
    lines.push({
      giver,
      receiver: receiver ?? null,
      at: e.at,
      action: e.action,
      step: e.stepAfter ?? e.stepBefore,
      deadline: e.deadline,
      lateness,
    });
  }
  return lines;
}
