import type { Db } from '../db/connect.ts';
import { RULE_NAMES } from '../../shared/rules/index.ts';
import type { DayPeriod } from '../stats/day-period.ts';
import { unitStats } from '../stats/units.repository.ts';
import { unitOfficialStats } from '../stats/unit-officials.repository.ts';
import { listDossiers } from '../dossiers/dossiers.repository.ts';
import type { DossierScope } from '../dossiers/dossier-access.ts';
import { listFlags, type FlagScope } from '../flags/flags.repository.ts';
import type { CsvValue } from '../../shared/csv/csv-writer.ts';
import { sheetDateTimeOf } from './local-time.ts';
import type { dossiersCsvQuerySchema, flagsCsvQuerySchema } from './exports.schemas.ts';
import type { z } from 'zod';

/**
 * The dashboard's tables as CSV rows, read through the features' own repositories so a figure in
 * a spreadsheet is the figure on screen. Headers are Vietnamese then English; times are local
 * (UTC+7) as yyyy-MM-dd HH:mm, which Excel reads as a date whatever its locale.
 */
export type Table = { header: string[]; rows: AsyncIterable<CsvValue[]> };

const PAGE = 200;

export function unitsTable(db: Db, units: string[], period: DayPeriod): Table {
  return {
    header: [
      'Mã đơn vị / Unit id',
      'Tên đơn vị / Unit name',
      'Từ ngày / From',
      'Đến ngày / To',
      'Tiếp nhận / Received',
      'Đã xong / Finished',
      'Trước hạn / Early',
      'Đúng hạn / On time',
      'Quá hạn / Late',
      'Chưa xác định / Unknown',
      'Tỷ lệ đúng hạn / Early or on-time share',
      'Lượt giữ hồ sơ / Segments',
      'Lượt xử lý / Handled',
      'Giờ làm việc / Working hours',
      'Giờ thao tác / Active hours',
      'Trung vị giờ / p50 hours',
      'P90 giờ / p90 hours',
      'Cảnh báo mở / Open flags',
    ],
    rows: (async function* () {
      for (const u of await unitStats(db, units, period)) {
        const t = u.timeliness;
        yield [
          u.unitId,
          u.name,
          period.from,
          period.to,
          u.received,
          u.finished,
          t.early,
          t.onTime,
          t.late,
          t.unknown,
          t.shares?.earlyOrOnTime ?? null,
          u.segments,
          u.handled,
          u.workingHours,
          u.activeHours,
          u.p50Hours,
          u.p90Hours,
          u.openFlags.total,
        ];
      }
    })(),
  };
}

export function unitOfficialsTable(db: Db, unitId: string, period: DayPeriod, onlyOfficial: string | null): Table {
  return {
    header: [
      'Mã đơn vị / Unit id',
      'Mã cán bộ / Official id',
      'Tài khoản / Username',
      'Họ tên / Name',
      'Đơn vị hiện tại / Current unit',
      'Từ ngày / From',
      'Đến ngày / To',
      'Lượt giữ hồ sơ / Segments',
      'Lượt xử lý / Handled',
      'Giờ làm việc / Working hours',
      'Giờ thao tác / Active hours',
      'Trung vị giờ / p50 hours',
      'P90 giờ / p90 hours',
      'Cảnh báo mở / Open flags',
      ...RULE_NAMES.map((r) => `flags:${r}`),
    ],
    rows: (async function* () {
      for (const o of await unitOfficialStats(db, unitId, period, onlyOfficial)) {
        yield [
          unitId,
          o.officialId,
          o.username,
          o.displayName,
          o.currentUnitId,
          period.from,
          period.to,
          o.segments,
          o.handled,
          o.workingHours,
          o.activeHours,
          o.p50Hours,
          o.p90Hours,
          o.openFlags.total,
          ...RULE_NAMES.map((r) => o.openFlags.byRule[r] ?? 0),
        ];
      }
    })(),
  };
}

/** Pages through the list route's own query until it says there is no next page. */
export function dossiersTable(db: Db, scope: DossierScope, q: z.infer<typeof dossiersCsvQuerySchema>): Table {
  return {
    header: [
      'Mã hồ sơ / Dossier code',
      'Đơn vị tiếp nhận / Receiving unit',
      'Mã thủ tục / Procedure code',
      'Tiếp nhận lúc / Received at',
      'Ghi nhận tiếp nhận / Reception captured',
      'Hẹn trả / Appointment',
      'Hẹn trả sau tạm dừng / Effective appointment',
      'Kết thúc lúc / Finished at',
      'Kết thúc bằng / Finished by',
      'Tiến độ / Timeliness',
      'Lý do quá hạn / Late reason',
      'Số lần yêu cầu bổ sung / Supplement requests',
      'Tình trạng / Holder state',
      'Người đang giữ / Current holder id',
      'Bước hiện tại / Current step',
      'Cảnh báo mở / Open flags',
      'Sự kiện cuối / Last event at',
    ],
    rows: (async function* () {
      for (let offset: number | null = 0; offset !== null; ) {
        const page = await listDossiers(db, scope, { ...q, limit: PAGE, offset });
        for (const d of page.dossiers) {
          yield [
            d.code,
            d.unitId,
            d.procedureCode,
            sheetDateTimeOf(d.receivedAt),
            d.receptionCaptured,
            sheetDateTimeOf(d.appointmentAt),
            sheetDateTimeOf(d.effectiveAppointmentAt),
            sheetDateTimeOf(d.finishedAt),
            d.finishedAction,
            d.timeliness,
            d.lateReason,
            d.supplementRequests,
            d.holderState,
            d.currentHolderId,
            d.currentStep,
            d.openFlags,
            sheetDateTimeOf(d.lastEventAt),
          ];
        }
        offset = page.page.nextOffset;
      }
    })(),
  };
}

export function flagsTable(db: Db, scope: FlagScope, q: z.infer<typeof flagsCsvQuerySchema>, now: number): Table {
  return {
    header: [
      'Khóa / Key',
      'Mã hồ sơ / Dossier code',
      'Đơn vị hồ sơ / Dossier unit',
      'Đơn vị chịu trách nhiệm / Responsible unit',
      'Quy tắc / Rule',
      'Mức độ / Severity',
      'Cán bộ / Official id',
      'Bắt đầu / Since',
      'Số giờ đã qua / Age hours',
      'Số giờ vượt / Hours over',
      'Trạng thái / Status',
      'Mở lúc / Opened at',
      'Đóng lúc / Closed at',
      'Bằng chứng (mã sự kiện) / Evidence event ids',
      'Chi tiết / Details',
    ],
    rows: (async function* () {
      for (let offset: number | null = 0; offset !== null; ) {
        const page = await listFlags(db, scope, { ...q, limit: PAGE, offset }, now);
        for (const f of page.flags) {
          yield [
            f.key,
            f.dossierCode,
            f.unitId,
            f.responsibleUnitId,
            f.rule,
            f.severity,
            f.officialId,
            sheetDateTimeOf(f.since),
            f.ageHours,
            f.hoursOver,
            f.status,
            sheetDateTimeOf(f.openedAt),
            sheetDateTimeOf(f.closedAt),
            f.evidence.join(' '),
            JSON.stringify(f.details),
          ];
        }
        offset = page.page.nextOffset;
      }
    })(),
  };
}
