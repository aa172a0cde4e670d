import { createHash } from 'node:crypto';
import { escapeHtml as h } from '../exports/xml-escape.ts';
import { viDateTime } from '../exports/local-time.ts';
import { actionLabel } from '../inspections/report-labels.ts';
import type { Slip } from './reconcile.schemas.ts';

/** A4, black on white, no screen chrome: what print-to-PDF keeps. */
const CSS = `@page{size:A4 landscape;margin:14mm}body{font:11pt/1.4 "Times New Roman",serif;color:#000;margin:0 auto;max-width:270mm}
h1{font-size:14pt;text-align:center;margin:0 0 4pt}.sub{text-align:center;margin:0 0 10pt}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #000;padding:3pt 4pt;vertical-align:top}th{background:#eee}td.n{text-align:right}tr{page-break-inside:avoid}
.src-imported{font-style:italic}.foot{margin-top:10pt;font-size:9pt}`;
export const SLIP_STYLE_HASH = `sha256-${createHash('sha256').update(CSS).digest('base64')}`;

const SOURCES = { captured: 'Ghi nhận / Captured', imported: 'Sổ theo dõi / Imported log', both: 'Cả hai / Both' } as const;
const num = (x: number | null) => (x === null ? '' : String(x).replace('.', ','));

export function renderSlip(slip: Slip): string {
  const rows = slip.lines
    .map(
      (l, i) =>
        `<tr class="src-${l.source}"><td class="n">${i + 1}</td><td>${h(l.giver ?? 'Tổ chức, cá nhân / Applicant')}</td><td>${h(l.receiver ?? '—')}</td><td>${viDateTime(l.at)}</td><td>${h(l.step ?? '')}</td><td>${h(actionLabel(l.action))}</td><td class="n">${num(l.workingHours)}</td><td class="n">${num(l.allottedHours)}</td><td>${l.late === null ? '' : l.late ? 'Quá hạn / Late' : 'Đúng hạn / On time'}</td><td>${SOURCES[l.source]}</td></tr>`,
    )
    .join('\n');
  const checkpoint = slip.checkpoint
    ? `điểm kiểm chứng số ${slip.checkpoint.seq} (${viDateTime(slip.checkpoint.at)}) / log checkpoint #${slip.checkpoint.seq}`
    : 'chưa có điểm kiểm chứng / no log checkpoint yet';
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Phiếu kiểm soát ${h(slip.dossierCode)}</title><style>${CSS}</style></head><body>
<h1>PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ</h1>
<p class="sub">Process control slip · Mã hồ sơ / Dossier: <b id="dossier-code">${h(slip.dossierCode)}</b>${slip.procedureCode ? ` · Thủ tục / Procedure: ${h(slip.procedureCode)}` : ''}</p>
<table id="slip"><thead><tr><th>STT</th><th>Bên giao / Giver</th><th>Bên nhận / Receiver</th><th>Thời gian / Time</th><th>Bước / Step</th><th>Kết quả / Result</th><th>Giờ làm việc / Working h</th><th>Định mức / Allotted h</th><th>Đánh giá / Lateness</th><th>Nguồn / Source</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p class="foot">Lập từ quyền giữ hồ sơ đã xác nhận (không gồm đoạn chỉ được khai hoặc suy đoán) · Built from confirmed custody only. Tính đến ${checkpoint}; dẫn xuất lúc ${viDateTime(slip.derivedAt)} / derived at.</p>
</body></html>`;
}
