/**
 * The one data model both front-end variants render: dossiers, their transfer history, and the
 * ground-truth log of every action officials performed.
 */
import type { ActionKind } from '../../shared/schemas/dossier.ts';
import type { Applicant } from './citizens.ts';

export type Variant = 'spa' | 'classic' | 'workday';
export type Channel = 'truc_tiep' | 'truc_tuyen' | 'buu_chinh';

export const CHANNEL_LABELS: Record<Channel, string> = {
  truc_tiep: 'Trực tiếp',
  truc_tuyen: 'Trực tuyến',
  buu_chinh: 'Bưu chính công ích',
};

/** National status codes used here: 1, 2, 3, 4, 5, 8, 9, 10 (DOMAIN.md). */
export type StatusCode = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10;

/** One row of the transfer history ("quá trình xử lý"), the per-official signal real systems keep. */
export interface HistoryEntry {
  at: string;
  action: ActionKind;
  from: string;
  to: string | null;
  stepBefore: string | null;
  stepAfter: string | null;
  /** The receiver's personal deadline for the step, when custody moved. */
  deadline: string | null;
  note: string;
  statusAfter: StatusCode;
}

/** Who held each earlier step, so "Trả lại bước trước" knows where to send the dossier back. */
export interface TrailEntry {
  stepIndex: number;
  account: string;
}

export interface Handover {
  /** The dossier's action counter when the hand-over happened: a recall is allowed only while nothing followed. */
  actionCount: number;
  from: string;
  to: string;
  stepIndexBefore: number;
  trailBefore: TrailEntry[];
  stepDeadlineBefore: string | null;
  statusBefore: StatusCode;
}

export interface Supplement {
  requestedBy: string;
  requestedAt: string;
  papers: string[];
  note: string;
  statusBefore: StatusCode;
}

export interface Dossier {
  /** Internal numeric id: what the single-page app's URLs carry, never the code. */
  id: number;
  code: string;
  unitId: string;
  procedureCode: string;
  channel: Channel;
  /** The short description lists show after the procedure's name. */
  subject: string;
  applicant: Applicant;
  fee: number;
  submittedAt: string;
  receivedAt: string | null;
  receivedBy: string | null;
  appointmentAt: string | null;
  status: StatusCode;
  /** Index into the procedure's steps; null once the dossier has left the process. */
  stepIndex: number | null;
  handler: string | null;
  stepDeadline: string | null;
  trail: TrailEntry[];
  supplement: Supplement | null;
  supplementCount: number;
  result: { number: string; summary: string; by: string; at: string } | null;
  approvals: Array<{ by: string; at: string }>;
  processedAt: string | null;
  returnedAt: string | null;
  endedAt: string | null;
  apologies: Array<{ at: string; by: string; previousAppointment: string | null; newAppointment: string; reason: string }>;
  lastHandover: Handover | null;
  actionCount: number;
  history: HistoryEntry[];
}

/** One action as it really happened: what an e2e test compares the product's capture with. */
export interface TruthAction {
  seq: number;
  at: string;
  account: string;
  action: ActionKind;
  dossierCode: string;
  stepBefore: string | null;
  stepAfter: string | null;
  toAccount: string | null;
  variant: Variant;
}

/** What an official submits with an action; each kind reads the fields it needs. */
export interface ActionInput {
  toAccount?: string;
  /** Code of the target step for "Chuyển bước xử lý"; the next step when absent. */
  nextStep?: string;
  note?: string;
  newAppointment?: Date;
  papers?: string[];
  resultNumber?: string;
}

export const ENDED_STATUSES: ReadonlySet<StatusCode> = new Set([3, 8, 10]);
