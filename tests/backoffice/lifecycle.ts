/**
 * Performs an official's action on a dossier: checks it against the rules, moves custody,
 * writes the transfer history and, for actions done through a variant, the ground truth.
 */
import type { ActionKind } from '../../shared/schemas/dossier.ts';
import type { ActionInput, Dossier, StatusCode, TruthAction, Variant } from './model.ts';
import { actionChoices, procedureOf, stepName, type ActionChoice } from './rules.ts';
import { now, type Store } from './store.ts';
import { addWorkingTime, dueAfter, workingSecondsBetween } from './working-time.ts';

export interface ActionRequest {
  account: string;
  dossierId: number;
  kind: ActionKind;
  input?: ActionInput;
  variant: Variant;
  /** Seeding replays history without writing ground truth. */
  record?: boolean;
}

export type ActionOutcome =
  | { ok: true; dossier: Dossier; truth: TruthAction | null }
  | { ok: false; code: 'not_found' | 'forbidden' | 'invalid'; message: string };

const fail = (code: 'not_found' | 'forbidden' | 'invalid', message: string): ActionOutcome => ({ ok: false, code, message });

const hoursPerDay = (d: Dossier) => (procedureOf(d).timeType === 'working_days' ? 8 : 24);

/** Moves custody, remembering enough to undo it with "Thu hồi" while nothing else has happened. */
function handOver(d: Dossier, stepIndex: number, to: string, from: string, at: Date): void {
  d.lastHandover = {
    actionCount: d.actionCount + 1,
    from,
    to,
    stepIndexBefore: d.stepIndex ?? 0,
    trailBefore: d.trail.map((t) => ({ ...t })),
    stepDeadlineBefore: d.stepDeadline,
    statusBefore: d.status,
  };
  const p = procedureOf(d);
  d.stepIndex = stepIndex;
  d.handler = to;
  d.stepDeadline = dueAfter(at, p.steps[stepIndex]!.allottedHours, p.timeType).toISOString();
}

function pickReceiver(c: ActionChoice, wanted: string | undefined): string | null {
  const list = c.receivers ?? [];
  if (!wanted) return list[0]?.account ?? null;
  return list.some((r) => r.account === wanted) ? wanted : null;
}

function end(d: Dossier, status: StatusCode, at: Date): void {
  d.status = status;
  d.handler = null;
  d.stepIndex = null;
  d.stepDeadline = null;
  d.endedAt = at.toISOString();
}

/** Applies one kind's effect; returns the receiver for hand-overs, or an error message. */
function apply(d: Dossier, c: ActionChoice, account: string, input: ActionInput, at: Date): { toAccount: string | null } | string {
  const iso = at.toISOString();
  const p = procedureOf(d);
  const i = d.stepIndex ?? 0;
  switch (c.kind) {
    case 'receive':
      d.status = 2;
      d.handler = account;
      d.stepIndex = 0;
      d.receivedAt = iso;
      d.receivedBy = account;
      d.appointmentAt = dueAfter(at, p.totalDays * hoursPerDay(d), p.timeType).toISOString();
      d.stepDeadline = dueAfter(at, p.steps[0]!.allottedHours, p.timeType).toISOString();
      return { toAccount: null };
    case 'reject':
    case 'stop':
      if (!input.note?.trim()) return 'Vui lòng nhập lý do.';
      end(d, c.kind === 'reject' ? 3 : 8, at);
      return { toAccount: null };
    case 'forward': {
      const target = c.steps?.find((s) => s.code === (input.nextStep ?? p.steps[i + 1]!.code));
      if (!target) return 'Bước tiếp theo không hợp lệ.';
      const to = pickReceiver({ ...c, receivers: target.receivers }, input.toAccount);
      if (!to) return 'Người nhận không hợp lệ cho bước đã chọn.';
      const j = p.steps.findIndex((s) => s.code === target.code);
      const trail = [...d.trail, { stepIndex: i, account }];
      handOver(d, j, to, account, at);
      d.trail = trail;
      d.status = 4;
      return { toAccount: to };
    }
    case 'approve': {
      const to = pickReceiver(c, input.toAccount);
      if (!to) return 'Người nhận không hợp lệ.';
      const trail = [...d.trail, { stepIndex: i, account }];
      handOver(d, i + 1, to, account, at);
      d.trail = trail;
      d.approvals.push({ by: account, at: iso });
      return { toAccount: to };
    }
    case 'return': {
      if (!input.note?.trim()) return 'Vui lòng nhập lý do trả lại.';
      const back = d.trail.at(-1)!;
      const trail = d.trail.slice(0, -1);
      handOver(d, back.stepIndex, back.account, account, at);
      d.trail = trail;
      d.status = 4;
      return { toAccount: back.account };
    }
    case 'transfer': {
      const to = pickReceiver(c, input.toAccount);
      if (!to) return 'Cán bộ nhận không hợp lệ.';
      handOver(d, i, to, account, at);
      return { toAccount: to };
    }
    case 'supplement_request': {
      const papers = (input.papers ?? []).filter((x) => p.papers.includes(x));
      if (papers.length === 0 && !input.note?.trim()) return 'Chọn giấy tờ cần bổ sung hoặc nhập nội dung yêu cầu.';
      d.supplement = { requestedBy: account, requestedAt: iso, papers, note: input.note?.trim() ?? '', statusBefore: d.status };
      d.supplementCount += 1;
      d.status = 5;
      return { toAccount: null };
    }
    case 'supplement_done': {
      const s = d.supplement!;
      // The citizen's time pauses the clock: both deadlines move by the paused span.
      const shift = (iso0: string | null) => {
        if (!iso0) return null;
        if (p.timeType === 'working_days')
          return addWorkingTime(new Date(iso0), workingSecondsBetween(new Date(s.requestedAt), at)).toISOString();
        return dueAfter(new Date(iso0), (at.getTime() - Date.parse(s.requestedAt)) / 3600_000, p.timeType).toISOString();
      };
      d.appointmentAt = shift(d.appointmentAt);
      d.stepDeadline = shift(d.stepDeadline);
      d.status = s.statusBefore;
      d.handler = s.requestedBy;
      d.supplement = null;
      return { toAccount: s.requestedBy === account ? null : s.requestedBy };
    }
    case 'update_result':
      d.result = { number: input.resultNumber?.trim() || `${d.id}/KQ`, summary: input.note?.trim() ?? '', by: account, at: iso };
      return { toAccount: null };
    case 'finish':
      d.status = 9;
      d.processedAt = iso;
      return { toAccount: null };
    case 'return_result':
      d.processedAt ??= iso;
      d.returnedAt = iso;
      end(d, 10, at);
      return { toAccount: null };
    case 'recall': {
      const h = d.lastHandover!;
      d.stepIndex = h.stepIndexBefore;
      d.trail = h.trailBefore;
      d.stepDeadline = h.stepDeadlineBefore;
      d.status = h.statusBefore;
      d.handler = account;
      d.lastHandover = null;
      return { toAccount: null };
    }
    case 'apology': {
      const when = input.newAppointment;
      if (!when || Number.isNaN(when.getTime()) || when.getTime() <= at.getTime()) return 'Ngày hẹn trả mới phải sau thời điểm hiện tại.';
      d.apologies.push({
        at: iso,
        by: account,
        previousAppointment: d.appointmentAt,
        newAppointment: when.toISOString(),
        reason: input.note?.trim() ?? '',
      });
      d.appointmentAt = when.toISOString();
      return { toAccount: null };
    }
  }
}

export function perform(store: Store, req: ActionRequest): ActionOutcome {
  const d = store.byId.get(req.dossierId);
  if (!d) return fail('not_found', 'Không tìm thấy hồ sơ.');
  const at = now(store);
  const c = actionChoices(d, req.account, at).find((x) => x.kind === req.kind);
  if (!c) return fail('forbidden', 'Thao tác không hợp lệ với trạng thái hồ sơ hoặc vai trò của cán bộ.');
  const stepBefore = stepName(d);
  const handlerBefore = d.handler;
  const result = apply(d, c, req.account, req.input ?? {}, at);
  if (typeof result === 'string') return fail('invalid', result);
  d.actionCount += 1;
  const stepAfter = stepName(d);
  d.history.push({
    at: at.toISOString(),
    action: req.kind,
    from: req.account,
    to: result.toAccount ?? (d.handler !== handlerBefore ? d.handler : null),
    stepBefore,
    stepAfter,
    deadline: result.toAccount ? d.stepDeadline : null,
    note: req.input?.note?.trim() ?? '',
    statusAfter: d.status,
  });
  if (req.record === false) return { ok: true, dossier: d, truth: null };
  const truth: TruthAction = {
    seq: store.truth.length + 1,
    at: at.toISOString(),
    account: req.account,
    action: req.kind,
    dossierCode: d.code,
    stepBefore,
    stepAfter,
    toAccount: result.toAccount,
    variant: req.variant,
  };
  store.truth.push(truth);
  return { ok: true, dossier: d, truth };
}
