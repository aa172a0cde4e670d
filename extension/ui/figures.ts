import type { MeSummary } from '../messaging/api-types.ts';
import { RULE_LABELS } from '../messaging/api-types.ts';
import { formatDateTime, formatWorkingHours } from '../../shared/format/format.ts';

/** One wording of the official's own figures, for the pill's panel and the popup. */
export function figureRows(m: MeSummary): [vi: string, en: string, value: string][] {
  const share = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);
  return [
    ['Hồ sơ đã xử lý hôm nay', 'handled today', String(m.today.handled)],
    ['Giờ làm việc hôm nay', 'working hours today', formatWorkingHours(m.today.workingHours)],
    ['Hồ sơ đã xử lý tuần này', 'handled this week', String(m.week.handled)],
    ['Giờ làm việc tuần này', 'working hours this week', formatWorkingHours(m.week.workingHours)],
    ['Tỷ lệ đúng hạn tuần này', 'on time this week', share(m.week.onTimeShare)],
    ['Hồ sơ đang giữ', 'dossiers held now', String(m.holding)],
  ];
}

export function atRiskLine(r: MeSummary['atRisk'][number]): string {
  const [vi] = RULE_LABELS[r.rule] ?? [r.rule];
  const left =
    r.hoursLeft === null
      ? ''
      : r.hoursLeft >= 0
        ? ` · còn ${formatWorkingHours(r.hoursLeft)}`
        : ` · quá ${formatWorkingHours(-r.hoursLeft)}`;
  const due = r.appointmentAt ? ` · hẹn ${formatDateTime(Date.parse(r.appointmentAt))}` : '';
  return `${r.dossierCode}: ${vi}${left}${due}`;
}
