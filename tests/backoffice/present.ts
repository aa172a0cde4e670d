/** What a list row and a detail page show, formatted once for both variants. */
import { ACTION_LABELS_VI, STATUS_NAMES_VI } from '../../shared/schemas/dossier.ts';
import { BACKOFFICE_ROLE_LABELS_VI, officialByUsername, unitById } from '../../shared/demo/roster.ts';
import type { Applicant } from './citizens.ts';
import { formatDateTime, formatMoney, formatWorkingDuration } from './format.ts';
import { CHANNEL_LABELS, type Dossier } from './model.ts';
import { actionChoices, isLate, procedureOf, stepName, type ActionChoice } from './rules.ts';
import { addWorkingTime, workingSecondsBetween } from './working-time.ts';

export interface RowView {
  id: number;
  code: string;
  procedureCode: string;
  procedureName: string;
  subject: string;
  channel: string;
  statusCode: number;
  statusName: string;
  /** The vendor's richer internal state, shown beside the national status. */
  stateLabel: string;
  stepName: string;
  handlerAccount: string | null;
  handlerName: string;
  receivedAt: string;
  appointmentAt: string;
  /** "Tiếp nhận: dd/MM/yyyy HH:mm, hẹn trả: dd/MM/yyyy HH:mm" exactly as lists print it. */
  datesLine: string;
  late: boolean;
  lateText: string;
  applicant: Applicant;
  fee: string;
}

export interface HistoryView {
  at: string;
  from: string;
  to: string;
  step: string;
  deadline: string;
  action: string;
  note: string;
  status: string;
}

export interface DetailView extends RowView {
  unitName: string;
  submittedAt: string;
  stepDeadline: string;
  steps: Array<{ name: string; role: string; hours: number; current: boolean }>;
  papers: string[];
  supplement: { by: string; at: string; papers: string[]; note: string } | null;
  result: { number: string; summary: string; by: string; at: string } | null;
  apologies: Array<{ at: string; by: string; newAppointment: string; reason: string }>;
  history: HistoryView[];
  actions: ActionChoice[];
  /** Pre-filled in the apology form: three working days from now. */
  suggestedAppointment: string;
}

export const nameOf = (account: string | null | undefined) => (account ? (officialByUsername(account)?.displayName ?? account) : '');

function stateLabel(d: Dossier): string {
  const role = d.stepIndex == null ? null : procedureOf(d).steps[d.stepIndex]?.role;
  switch (d.status) {
    case 1:
      return 'Chờ tiếp nhận';
    case 2:
      return 'Mới tiếp nhận';
    case 3:
      return 'Từ chối';
    case 5:
      return 'Chờ bổ sung';
    case 8:
      return 'Tạm dừng';
    case 9:
      return 'Đã có kết quả';
    case 10:
      return 'Đã trả';
    default:
      if (role === 'specialist') return 'Chuyển phòng chuyên môn';
      if (role === 'division_head' || role === 'agency_head') return 'Chờ ký duyệt';
      if (d.stepIndex === procedureOf(d).steps.length - 1) return 'Chờ trả kết quả';
      return 'Chờ xử lý';
  }
}

export function presentRow(d: Dossier, at: Date): RowView {
  const p = procedureOf(d);
  const late = isLate(d, at);
  const received = formatDateTime(d.receivedAt);
  const appointment = formatDateTime(d.appointmentAt);
  return {
    id: d.id,
    code: d.code,
    procedureCode: p.code,
    procedureName: p.name,
    subject: d.subject,
    channel: CHANNEL_LABELS[d.channel],
    statusCode: d.status,
    statusName: STATUS_NAMES_VI[d.status]!,
    stateLabel: stateLabel(d),
    stepName: stepName(d) ?? '—',
    handlerAccount: d.handler,
    handlerName: d.handler ? nameOf(d.handler) : d.status === 1 ? 'Chưa phân công' : '—',
    receivedAt: received,
    appointmentAt: appointment,
    datesLine: `Tiếp nhận: ${received || 'chưa tiếp nhận'}, hẹn trả: ${appointment || 'chưa có'}`,
    late,
    lateText: late ? `Quá hạn ${formatWorkingDuration(workingSecondsBetween(new Date(d.appointmentAt!), at))}` : '',
    applicant: d.applicant,
    fee: formatMoney(d.fee),
  };
}

export function presentDetail(d: Dossier, viewer: string, at: Date): DetailView {
  const p = procedureOf(d);
  return {
    ...presentRow(d, at),
    unitName: unitById(d.unitId)?.name ?? d.unitId,
    submittedAt: formatDateTime(d.submittedAt),
    stepDeadline: formatDateTime(d.stepDeadline),
    steps: p.steps.map((s, i) => ({
      name: s.name,
      role: BACKOFFICE_ROLE_LABELS_VI[s.role],
      hours: s.allottedHours,
      current: i === d.stepIndex,
    })),
    papers: p.papers,
    supplement: d.supplement
      ? {
          by: nameOf(d.supplement.requestedBy),
          at: formatDateTime(d.supplement.requestedAt),
          papers: d.supplement.papers,
          note: d.supplement.note,
        }
      : null,
    result: d.result ? { ...d.result, by: nameOf(d.result.by), at: formatDateTime(d.result.at) } : null,
    apologies: d.apologies.map((a) => ({
      at: formatDateTime(a.at),
      by: nameOf(a.by),
      newAppointment: formatDateTime(a.newAppointment),
      reason: a.reason,
    })),
    history: d.history.map((h) => ({
      at: formatDateTime(h.at),
      from: nameOf(h.from),
      to: nameOf(h.to),
      step: h.stepAfter ?? h.stepBefore ?? '',
      deadline: formatDateTime(h.deadline),
      action: ACTION_LABELS_VI[h.action],
      note: h.note,
      status: STATUS_NAMES_VI[h.statusAfter]!,
    })),
    actions: actionChoices(d, viewer, at),
    suggestedAppointment: formatDateTime(addWorkingTime(at, 3 * 8 * 3600)),
  };
}

export function describeOfficial(account: string) {
  const o = officialByUsername(account);
  if (!o) return null;
  return {
    account: o.username,
    displayName: o.displayName,
    title: o.title,
    unitId: o.unitId,
    unitName: unitById(o.unitId)?.name ?? o.unitId,
    role: o.backofficeRole,
    roleLabel: o.backofficeRole ? BACKOFFICE_ROLE_LABELS_VI[o.backofficeRole] : '',
  };
}
