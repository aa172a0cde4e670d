import { csvDocument } from '../../shared/csv/csv-writer.ts';
import { sheetDateTime } from '../exports/local-time.ts';
import type { InspectionDetail } from './inspections.repository.ts';

const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : null);
const who = (p: { username: string | null; displayName: string | null } | null) => (p ? (p.username ?? '') : '');

/**
 * One row per sampled dossier and its finding (an inspection records one finding per dossier),
 * the inspection's own facts repeated on each row so a filtered spreadsheet still says where a
 * row came from. Times are Vietnam local, yyyy-MM-dd HH:mm.
 */
export function renderReportCsv(d: InspectionDetail): string {
  const i = d.inspection;
  const header = [
    'Mã cuộc kiểm tra / Inspection id',
    'Đơn vị được kiểm tra / Unit id',
    'Tên đơn vị / Unit name',
    'Người kiểm tra / Inspector',
    'Hạt giống ngẫu nhiên / Seed',
    'Chọn mẫu lúc / Drawn at',
    'Kết thúc lúc / Closed at',
    'Thứ tự rút / Draw position',
    'Mã hồ sơ / Dossier code',
    'Đơn vị tiếp nhận / Receiving unit',
    'Mã thủ tục / Procedure code',
    'Tiến độ / Timeliness',
    'Trọng số / Weight',
    'Số ngày quá hạn / Days late',
    'Cảnh báo khi chọn mẫu / Flags at draw',
    'Chậm trễ có lý do chính đáng / Delay justified',
    'Cán bộ chịu trách nhiệm / Responsible official',
    'Họ tên cán bộ chịu trách nhiệm / Responsible official name',
    'Ghi chú / Note',
    'Người kết luận / Recorded by',
    'Kết luận lúc / Recorded at',
    'SHA-256 bằng chứng / Evidence SHA-256',
    'Điểm kiểm chứng / Checkpoint',
    'SHA-256 điểm kiểm chứng / Checkpoint SHA-256',
  ];
  const rows = d.dossiers.map((s) => {
    const e = s.evidence;
    const flags = e.flags.map((f) => `${f.rule}:${f.severity}:${f.status}`).join('; ');
    return [
      i.id,
      i.unitId,
      i.unitName,
      who(i.inspector),
      i.seed,
      sheetDateTime(ms(i.drawnAt)),
      sheetDateTime(ms(i.closedAt)),
      s.position + 1,
      s.dossierCode,
      s.unitId,
      e.dossier.procedureCode,
      e.dossier.timeliness,
      s.weight,
      s.risk.daysLate,
      flags,
      s.finding ? s.finding.delayJustified : null,
      who(s.finding?.responsibleOfficial ?? null),
      s.finding?.responsibleOfficial?.displayName ?? '',
      s.finding?.note ?? '',
      who(s.finding?.recordedBy ?? null),
      sheetDateTime(ms(s.finding?.recordedAt)),
      s.evidenceSha256,
      d.checkpoint?.seq ?? null,
      d.checkpoint?.sha256 ?? '',
    ];
  });
  return csvDocument(header, rows);
}
