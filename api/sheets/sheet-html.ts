import { createHash } from 'node:crypto';
import { escapeHtml as h } from '../exports/xml-escape.ts';
import { viDateTime } from '../exports/local-time.ts';
import { RULE_LABELS } from '../../shared/labels/custody-labels.ts';
import type { SheetView } from './sheets.repository.ts';

/** Print styles only, inline, so the sheet prints the same offline (print to PDF from the browser). */
const CSS = `@page{size:A4;margin:16mm 14mm}body{font-family:"Times New Roman",Times,serif;font-size:12pt;color:#000;margin:0 auto;max-width:190mm}
h1{font-size:16pt;text-align:center;margin:0 0 2mm}h1+p{text-align:center;font-style:italic;margin:0 0 6mm}h2{font-size:13pt;margin:6mm 0 2mm;break-after:avoid}
table{border-collapse:collapse;width:100%;margin:1mm 0 3mm;font-size:10pt}th,td{border:1px solid #444;padding:1mm 1.5mm;text-align:left;vertical-align:top}
th{background:#eee}.facts th{width:45%}.mono{font-family:"Courier New",monospace;font-size:8.5pt;word-break:break-all}
.sign{display:flex;justify-content:space-between;margin-top:12mm;text-align:center}.sign div{width:45%;min-height:30mm}`;

export const SHEET_STYLE_HASH = `sha256-${createHash('sha256').update(CSS).digest('base64')}`;

// Vietnamese decimal comma, written by hand so the output does not depend on the server's ICU.
const num = (x: number | null) => (x === null ? '—' : String(x).replace('.', ','));
const pct = (x: number | null) => (x === null ? '—' : `${num(Math.round(x * 1000) / 10)} %`);
const t = (iso: string | null) => (iso ? viDateTime(Date.parse(iso)) : '—');
const row = (label: string, value: string) => `<tr><th>${label}</th><td>${value}</td></tr>`;
const table = (head: string[], rows: string[][]) =>
  `<table><thead><tr>${head.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
const STATUS: Record<string, string> = {
  issued: 'Đã lập / Issued',
  seen: 'Cán bộ đã xem / Seen by the official',
  signed: 'Lãnh đạo đã ký / Signed by the unit head',
};
const EXPL: Record<string, string> = {
  accepted: 'Chấp nhận / Accepted',
  rejected: 'Không chấp nhận / Rejected',
  pending: 'Chờ quyết định / Pending',
};

export function renderSheetHtml(
  s: SheetView,
  names: ReadonlyMap<string, string>,
  reasons: ReadonlyMap<string, string> = new Map(),
): string {
  const b = s.body;
  const who = (id: string | null) => (id ? h(names.get(id) ?? id) : '—');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Phiếu đánh giá KPI ${h(b.subject.name)} ${h(b.period.key)}</title><style>${CSS}</style></head><body>
<h1>PHIẾU ĐÁNH GIÁ KẾT QUẢ CÔNG VIỆC (KPI)</h1><p>KPI evaluation sheet · ${h(b.subject.name)} · kỳ / period ${h(b.period.key)}</p>
<table class="facts">${[
    row('Đối tượng / Subject', `${h(b.subject.kind === 'official' ? 'Cán bộ / Official' : 'Đơn vị / Unit')}: ${h(b.subject.name)}`),
    row('Đơn vị / Unit', `${h(b.subject.unitName)} (${h(b.subject.unitId)})`),
    row('Kỳ / Period', `${h(b.period.from.split('-').reverse().join('/'))} – ${h(b.period.to.split('-').reverse().join('/'))}`),
    row('Phiên bản tiêu chí / Settings version', String(b.settingsVersion)),
    row('Trạng thái / Status', STATUS[s.status] ?? s.status),
    row('Lập lúc / Issued', `${t(s.issuedAt)} · ${who(s.issuedBy)}`),
    row('Điểm kiểm chứng nhật ký / Log checkpoint', s.checkpointSeq === null ? '—' : `#${s.checkpointSeq}`),
    row('SHA-256', `<span class="mono">${h(s.sha256)}</span>`),
  ].join('')}</table>
<h2>1. Kết quả / Results</h2>
<table class="facts">${[
    row('Hồ sơ tiếp nhận / Dossiers received', String(b.received)),
    row('Lượt xử lý xong / Handled', String(b.handled)),
    row('Trước hạn / Early', String(b.onTime.early)),
    row('Đúng hạn / On time', String(b.onTime.onTime)),
    row(
      'Quá hạn / Late',
      `${b.onTime.late}${b.onTime.lateForSupplements ? ` (bổ sung nhiều lần / repeated supplements: ${b.onTime.lateForSupplements})` : ''}`,
    ),
    row('Tỷ lệ đúng và trước hạn / Early or on time', `${pct(b.onTime.earlyOrOnTimeShare)} (mục tiêu / target ${pct(b.onTime.target)})`),
    row('Giờ làm việc bị tính / Working hours held', num(b.workingHours)),
    row('Giờ được giải trình / Justified hours', num(b.justifiedHours)),
    row('Tỷ lệ bước trong định mức / Steps within allotment', pct(b.withinAllotmentShare)),
    row('Điểm / Score', num(b.score)),
  ].join('')}</table>
<h2>2. Thời gian theo bước / Hours per step</h2>
${table(
  [
    'Bước / Step',
    'Lượt / Segments',
    'Giờ / Hours',
    'Giải trình / Justified',
    'Định mức / Allotted',
    'Trong định mức / Within',
    'Cùng việc (bình quân) / Peers',
    'Chỉ số / Index',
  ],
  b.steps.map((x) => [
    h(x.step || '—'),
    String(x.segments),
    num(x.workingHours),
    num(x.justifiedHours),
    num(x.allottedHours),
    String(x.withinAllotment),
    num(x.peerHours),
    num(x.normalisedIndex),
  ]),
)}
<h2>3. Cảnh báo / Flags</h2>
${table(
  ['Quy tắc / Rule', 'Số / Count', 'Đang mở / Open'],
  b.flags.byRule.map((f) => {
    const label = RULE_LABELS[f.rule as keyof typeof RULE_LABELS];
    return [h(label ? `${label[0]} / ${label[1]}` : f.rule), String(f.count), String(f.open)];
  }),
)}
<h2>4. Giải trình / Explanations</h2>
<p>Chấp nhận / accepted ${b.explanations.accepted} · không chấp nhận / rejected ${b.explanations.rejected} · chờ / pending ${b.explanations.pending}</p>
${table(
  ['Hồ sơ / Dossier', 'Lý do / Reason', 'Quyết định / Decision', 'Ghi chú / Note'],
  b.explanations.list.map((e) => [
    `<span class="mono">${h(e.dossierCode)}</span>`,
    h(reasons.get(e.reason) ?? e.reason),
    EXPL[e.status] ?? h(e.status),
    h(e.decisionNote ?? '—'),
  ]),
)}
<h2>5. Ý kiến cán bộ / The official's comment</h2><p>${s.comment ? h(s.comment) : '—'}${s.seenAt ? ` (${t(s.seenAt)})` : ''}</p>
<p>Người chịu trách nhiệm của đơn vị / Answerable unit head: ${b.answerable.map((a) => h(a.name)).join(', ') || '—'}</p>
<div class="sign"><div>Cán bộ được đánh giá<br>The evaluated official<br><br>${s.seenAt ? t(s.seenAt) : ''}</div><div>Lãnh đạo đơn vị<br>Unit head<br><br>${s.signedAt ? `${who(s.signedBy)}<br>${t(s.signedAt)}` : ''}</div></div>
</body></html>`;
}

/** The sheet as CSV rows (section, field, value), the same numbers as the printable page. */
export function sheetCsvRows(s: SheetView): (string | number | null)[][] {
  const b = s.body;
  const rows: (string | number | null)[][] = [
    ['sheet', 'id', s.id],
    ['sheet', 'subject', `${b.subject.kind}:${b.subject.id}`],
    ['sheet', 'name', b.subject.name],
    ['sheet', 'period', b.period.key],
    ['sheet', 'settings_version', b.settingsVersion],
    ['sheet', 'status', s.status],
    ['sheet', 'checkpoint_seq', s.checkpointSeq],
    ['sheet', 'sha256', s.sha256],
    ['results', 'received', b.received],
    ['results', 'handled', b.handled],
    ['results', 'early', b.onTime.early],
    ['results', 'on_time', b.onTime.onTime],
    ['results', 'late', b.onTime.late],
    ['results', 'early_or_on_time_share', b.onTime.earlyOrOnTimeShare],
    ['results', 'working_hours', b.workingHours],
    ['results', 'justified_hours', b.justifiedHours],
    ['results', 'within_allotment_share', b.withinAllotmentShare],
    ['results', 'score', b.score],
  ];
  for (const x of b.steps)
    rows.push(
      [`step:${x.step}`, 'working_hours', x.workingHours],
      [`step:${x.step}`, 'allotted_hours', x.allottedHours],
      [`step:${x.step}`, 'normalised_index', x.normalisedIndex],
    );
  for (const f of b.flags.byRule) rows.push([`flags:${f.rule}`, 'count', f.count]);
  rows.push(
    ['explanations', 'accepted', b.explanations.accepted],
    ['explanations', 'rejected', b.explanations.rejected],
    ['explanations', 'pending', b.explanations.pending],
  );
  return rows;
}
