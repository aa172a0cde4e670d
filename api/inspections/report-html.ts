import { createHash } from 'node:crypto';
import { escapeHtml as h } from '../exports/xml-escape.ts';
import { viDateTime } from '../exports/local-time.ts';
import type { InspectionDetail } from './inspections.repository.ts';
import type { SampledDossier } from './inspection-view.ts';
import { actionLabel, ruleLabel, severityLabel, timelinessLabel, yesNo } from './report-labels.ts';

/** Print styles only, inline: the report must print the same offline, years later. */
const CSS = `@page{size:A4;margin:16mm 14mm}body{font-family:"Times New Roman",Times,serif;font-size:12pt;color:#000;margin:0 auto;max-width:190mm}
h1{font-size:16pt;text-align:center;margin:0 0 2mm}h1+p{text-align:center;font-style:italic;margin:0 0 6mm}h2{font-size:13pt;margin:6mm 0 2mm;break-after:avoid}
h3{font-size:12pt;margin:3mm 0 1mm;break-after:avoid}table{border-collapse:collapse;width:100%;margin:1mm 0 3mm;font-size:10pt}
th,td{border:1px solid #444;padding:1mm 1.5mm;text-align:left;vertical-align:top}th{background:#eee}thead{display:table-header-group}
tr{break-inside:avoid}.facts th{width:38%}.dossier{break-inside:avoid-page;border-top:2px solid #000;padding-top:2mm}
.mono{font-family:"Courier New",monospace;font-size:8.5pt;word-break:break-all}.note{white-space:pre-wrap}
.sign{display:flex;justify-content:space-between;margin-top:12mm;text-align:center}.sign div{width:45%;min-height:30mm}`;

/** The style's hash, so the report can be served under a CSP that allows this style and nothing else. */
export const REPORT_STYLE_HASH = `sha256-${createHash('sha256').update(CSS).digest('base64')}`;

const t = (iso: string | null | undefined) => (iso ? viDateTime(Date.parse(iso)) : '—');
const v = (x: unknown) => (x === null || x === undefined || x === '' ? '—' : h(String(x)));
// Vietnamese decimal comma, written by hand so the output does not depend on the server's ICU.
const hours = (x: number | null) => (x === null ? '—' : String(Math.round(x * 100) / 100).replace('.', ','));
const row = (label: string, value: string) => `<tr><th>${label}</th><td>${value}</td></tr>`;
const table = (head: string[], rows: string[][]) =>
  `<table><thead><tr>${head.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
const person = (p: { username: string | null; displayName: string | null } | null | undefined) =>
  p ? `${v(p.displayName)} (${v(p.username)})` : '—';

function dossierSection(s: SampledDossier, n: number): string {
  const e = s.evidence;
  const d = e.dossier;
  const named = (id: string | null) => (id ? person(e.officials[id]) : '—');
  const f = s.finding;
  return `<section class="dossier"><h2>${n}. Hồ sơ / Dossier ${h(s.dossierCode)}</h2>
<table class="facts">${[
    row('Đơn vị tiếp nhận / Receiving unit', v(s.unitId)),
    row('Mã thủ tục / Procedure code', v(d.procedureCode)),
    row('Tiếp nhận / Received', t(d.receivedAt)),
    row('Hẹn trả / Appointment', t(d.appointmentAt)),
    row('Hẹn trả sau tạm dừng / Effective appointment', t(d.effectiveAppointmentAt)),
    row('Kết thúc / Finished', t(d.finishedAt)),
    row('Tiến độ khi chọn mẫu / Timeliness at draw', h(timelinessLabel(d.timeliness))),
    row(
      'Trọng số rủi ro / Risk weight',
      `${s.weight} (${s.risk.late ? `quá hạn ${s.risk.daysLate} ngày / ${s.risk.daysLate} days late; ` : ''}${
        Object.entries(s.risk.openFlags)
          .map(([k, n]) => `${n} × ${h(severityLabel(k))}`)
          .join(', ') || 'không có cảnh báo / no open flags'
      })`,
    ),
  ].join('')}</table>
<h3>Quá trình giữ hồ sơ / Custody</h3>${
    e.segments.length
      ? table(
          [
            '#',
            'Người giữ / Holder',
            'Đơn vị / Unit',
            'Bước / Step',
            'Từ / From',
            'Đến / To',
            'Giờ làm việc / Working h',
            'Giờ thao tác / Active h',
            'Kết thúc bằng / Ended by',
          ],
          e.segments.map((g) => [
            String(g.seq + 1),
            named(g.holder.id),
            v(g.holder.unitId),
            v(g.stepLabel ?? g.step),
            t(g.from),
            g.to ? t(g.to) : 'đang giữ / held',
            hours(g.workingHours),
            hours(g.activeHours),
            h(actionLabel(g.endedBy)),
          ]),
        )
      : '<p>Không có / None</p>'
  }${
    e.pauses.length
      ? `<h3>Tạm dừng (bổ sung) / Pauses (supplement)</h3>${table(
          ['Từ / From', 'Đến / To', 'Giờ làm việc / Working h'],
          e.pauses.map((p) => [t(p.from), p.to ? t(p.to) : '—', hours(p.workingHours)]),
        )}`
      : ''
  }
<h3>Cảnh báo / Flags</h3>${
    e.flags.length
      ? table(
          [
            'Quy tắc / Rule',
            'Mức độ / Severity',
            'Cán bộ / Official',
            'Từ / Since',
            'Vượt (giờ) / Hours over',
            'Trạng thái / Status',
            'Sự kiện chứng minh / Evidence events',
          ],
          e.flags.map((g) => [
            h(ruleLabel(g.rule)),
            h(severityLabel(g.severity)),
            named(g.officialId),
            t(g.since),
            hours(g.hoursOver),
            g.status === 'open' ? 'Đang mở / Open' : `Đã đóng / Closed ${t(g.closedAt)}`,
            `<span class="mono">${g.evidence.map(h).join(' ')}</span>`,
          ]),
        )
      : '<p>Không có / None</p>'
  }
<h3>Kết luận / Finding</h3><table class="facts">${[
    row('Chậm trễ có lý do chính đáng / Delay justified', f ? yesNo(f.delayJustified) : '—'),
    row('Cán bộ chịu trách nhiệm / Responsible official', person(f?.responsibleOfficial)),
    row('Ghi chú / Note', `<span class="note">${v(f?.note)}</span>`),
    row('Người kết luận / Recorded by', `${person(f?.recordedBy)}, ${t(f?.recordedAt)}`),
    row(
      'Bằng chứng cố định / Frozen evidence',
      `${t(e.frozenAt)}; ${e.events.length} sự kiện gốc / raw events; SHA-256 <span class="mono">${h(s.evidenceSha256)}</span>`,
    ),
  ].join('')}</table></section>`;
}

/**
 * The signed checkpoint the evidence rests on: anyone holding a copy of it (downloaded by the
 * inspector, or kept by an auditor) can check with `npm run verify -- --checkpoint <file>` that
 * no event behind this report was changed, removed or added since.
 */
function checkpointSection(d: InspectionDetail): string {
  const c = d.checkpoint;
  if (!c) return '<h2>Điểm kiểm chứng / Checkpoint</h2><p>Chưa có / None yet</p>';
  const names = new Map<string, string>();
  for (const s of d.dossiers) for (const [id, o] of Object.entries(s.evidence.officials)) names.set(id, `${o.displayName} (${o.username})`);
  return `<section class="dossier"><h2>Điểm kiểm chứng chuỗi băm / Hash-chain checkpoint</h2>
<table class="facts">${[
    row('Số / Number', String(c.seq)),
    row('Ký lúc / Signed at', t(c.issuedAt)),
    row('Số chuỗi, số sự kiện / Chains, events', `${c.chainCount}; ${c.eventCount}`),
    row('Khóa ký (Ed25519) / Signing key', `<span class="mono">${h(c.keyId)}</span>`),
    row('SHA-256 nội dung ký / Signed text SHA-256', `<span class="mono">${h(c.sha256)}</span>`),
    row('Chữ ký / Signature', `<span class="mono">${h(c.signature)}</span>`),
    row(
      'Tải về / Download',
      `<span class="mono">${h(c.download)}</span>; kiểm tra / check: <span class="mono">npm run verify -- --checkpoint &lt;tệp / file&gt;</span>`,
    ),
  ].join('')}</table>${
    c.chains.length
      ? table(
          ['Cán bộ / Official', 'Độ dài chuỗi / Chain length', 'Mã băm đầu chuỗi / Head hash'],
          c.chains.map((x) => [h(names.get(x.officialId) ?? x.officialId), String(x.length), `<span class="mono">${h(x.head)}</span>`]),
        )
      : ''
  }</section>`;
}

/**
 * The printable record of a closed inspection: Vietnamese first, English second, local times
 * (dd/MM/yyyy HH:mm, Asia/Ho_Chi_Minh), every sampled dossier with the custody and flags frozen at
 * the draw and its finding, and the seed and method so anyone can replay the draw.
 */
export function renderReportHtml(d: InspectionDetail): string {
  const i = d.inspection;
  const justified = d.dossiers.filter((s) => s.finding?.delayJustified).length;
  const weighting = d.draw.weighting as {
    base: number;
    severity: Record<string, number>;
    late: number;
    perDayLate: number;
    maxDaysLate: number;
  };
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Biên bản kiểm tra đột xuất ${h(i.unitName ?? i.unitId)} ${t(i.drawnAt)}</title><style>${CSS}</style></head><body>
<h1>BIÊN BẢN KIỂM TRA ĐỘT XUẤT VIỆC GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH</h1>
<p>Surprise inspection report: handling of administrative-procedure dossiers</p>
<table class="facts">${[
    row('Đơn vị được kiểm tra / Inspected unit', `${v(i.unitName)} (${h(i.unitId)})`),
    row('Người kiểm tra / Inspector', person(i.inspector)),
    row('Chọn mẫu lúc / Sample drawn', t(i.drawnAt)),
    row('Kết thúc lúc / Closed', `${t(i.closedAt)}, ${person(i.closedBy)}`),
    row('Kỳ tiếp nhận / Reception period', i.period.from ? `${h(i.period.from)} → ${h(i.period.to ?? '')}` : 'Toàn bộ / All'),
    row('Tổng thể / Population', `${d.draw.populationSize} hồ sơ / dossiers`),
    row('Cỡ mẫu / Sample', `${d.dossiers.length} (yêu cầu / requested ${i.sampleSize})`),
    row('Hạt giống ngẫu nhiên / Random seed', `<span class="mono">${h(i.seed)}</span>`),
    row(
      'Phương pháp / Method',
      `Rút ngẫu nhiên có trọng số theo rủi ro, không hoàn lại (${h(d.draw.algorithm)}); trọng số = ${weighting.base} + ${weighting.severity.critical}/${weighting.severity.warning}/${weighting.severity.info} mỗi cảnh báo nghiêm trọng/cảnh báo/thông tin + ${weighting.late} nếu quá hạn + ${weighting.perDayLate} mỗi ngày quá hạn (tối đa ${weighting.maxDaysLate} ngày). / Weighted random draw without replacement; the same seed and population give the same sample.`,
    ),
    row('Kết luận chung / Overall conclusion', `<span class="note">${v(i.conclusion)}</span>`),
    row(
      'Kết quả / Result',
      `${justified} có lý do chính đáng / justified; ${d.dossiers.length - justified} không có lý do chính đáng / not justified`,
    ),
  ].join('')}</table>
${d.dossiers.map((s, n) => dossierSection(s, n + 1)).join('\n')}
${checkpointSection(d)}
<div class="sign"><div><b>Đại diện đơn vị được kiểm tra</b><br>Representative of the inspected unit</div><div><b>Người kiểm tra</b><br>Inspector<br><br><br><br>${person(i.inspector)}</div></div>
</body></html>
`;
}
