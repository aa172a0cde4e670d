import { ACTION_LABELS_VI, type ActionKind } from '../../shared/schemas/dossier.ts';
import { RULE_LABELS } from '../../shared/labels/custody-labels.ts';

/** Vietnamese first, English second: the report's language order. */
type Pair = readonly [vi: string, en: string];

const RULES: Record<string, Pair> = RULE_LABELS;
const SEVERITIES: Record<string, Pair> = {
  critical: ['Nghiêm trọng', 'Critical'],
  warning: ['Cảnh báo', 'Warning'],
  info: ['Thông tin', 'Info'],
};
const TIMELINESS: Record<string, Pair> = {
  early: ['Trước hạn', 'Early'],
  on_time: ['Đúng hạn', 'On time'],
  late: ['Quá hạn', 'Late'],
  in_progress_on_time: ['Đang xử lý, trong hạn', 'In progress, on time'],
  in_progress_late: ['Đang xử lý, quá hạn', 'In progress, late'],
  paused_on_time: ['Tạm dừng, trong hạn', 'Paused, on time'],
  paused_late: ['Tạm dừng, quá hạn', 'Paused, late'],
  unknown: ['Chưa xác định', 'Unknown'],
};
const SEGMENT_ENDS: Record<string, Pair> = { open: ['Đang giữ', 'Still held'], superseded: ['Người khác xử lý tiếp', 'Superseded'] };

const pair = (table: Record<string, Pair>, code: string | null | undefined): string => {
  if (!code) return '—';
  const p = table[code];
  return p ? `${p[0]} / ${p[1]}` : code;
};

export const ruleLabel = (c: string) => pair(RULES, c);
export const severityLabel = (c: string) => pair(SEVERITIES, c);
export const timelinessLabel = (c: string | null) => pair(TIMELINESS, c);
export function actionLabel(c: string | null): string {
  if (!c) return '—';
  const vi = ACTION_LABELS_VI[c as ActionKind];
  return vi ? `${vi} / ${c.replaceAll('_', ' ')}` : pair(SEGMENT_ENDS, c);
}
export const yesNo = (v: boolean) => (v ? 'Có / Yes' : 'Không / No');
