import type { Evidence } from '../custody/types.ts';
import type { RuleName } from '../rules/types.ts';

/** Vietnamese first, English second. */
export type LabelPair = readonly [vi: string, en: string];

/** The one home of stall-rule names: the dashboard, the extension and the reports read it. */
export const RULE_LABELS: Readonly<Record<RuleName, LabelPair>> = {
  overdue: ['Quá hạn', 'Overdue'],
  due_soon: ['Sắp đến hạn', 'Due soon'],
  idle_at_holder: ['Để lâu không xử lý', 'Idle at holder'],
  step_over_allotment: ['Vượt thời gian của bước', 'Step over its allotment'],
  ping_pong: ['Chuyển qua lại', 'Ping-pong'],
  repeated_supplement: ['Yêu cầu bổ sung nhiều lần', 'Repeated supplement requests'],
  viewed_not_acted: ['Mở xem nhưng không xử lý', 'Viewed, not acted on'],
  coverage_gap: ['Khoảng trống ghi nhận', 'Coverage gap'],
  unconfirmed_custody: ['Việc giữ hồ sơ chưa được xác nhận (cần xem xét)', 'Unconfirmed custody (review)'],
};

/** Flag severities, one home for the dashboard's and the extension's chips. */
export const SEVERITY_LABELS: Readonly<Record<'critical' | 'warning' | 'info', LabelPair>> = {
  critical: ['Nghiêm trọng', 'Critical'],
  warning: ['Cảnh báo', 'Warning'],
  info: ['Thông tin', 'Info'],
};

/** How custody is known, in the words an inspector reads (README, "Evidence grades"). */
export const EVIDENCE_LABELS: Readonly<Record<Evidence, LabelPair>> = {
  confirmed: ['Đã xác nhận', 'Confirmed'],
  claimed: ['Chỉ theo lời người khác', 'Claimed by another'],
  inferred: ['Suy đoán', 'Inferred'],
};

/** What an inspector reads for each kind of review item (unconfirmed_custody's details.kind). */
export const REVIEW_KIND_LABELS: Readonly<Record<'claimed' | 'inferred' | 'disputed' | 'refuted', LabelPair>> = {
  claimed: ['Được chuyển đến nhưng người nhận chưa tiếp nhận', 'Handed over, not taken up by the receiver'],
  inferred: ['Chỉ suy đoán, không ai xác nhận', 'Only inferred, confirmed by nobody'],
  disputed: ['Đang bị tranh chấp: người khác thao tác trên hồ sơ người đang giữ', 'Disputed: someone else acted on a held dossier'],
  refuted: ['Thao tác của người khác đã bị bác bỏ (người giữ tiếp tục xử lý)', 'Another’s act refuted (the holder carried on)'],
};
