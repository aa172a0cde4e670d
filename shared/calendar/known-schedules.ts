/**
 * The government's published days-off tables for civil servants, as data. Each year's table
 * names the holidays it settles (the `holiday` key of its days off); for those holidays it
 * replaces the computed defaults of that year, including their compensatory days, while the
 * holidays it does not name (e.g. 1 January 2025) stay computed. See day-rules.ts.
 *
 * Add a year when its table is announced. A table only ever concerns days that were still in the
 * future when it was announced, so adding one never rewrites past statistics.
 */
import type { YearOverride } from './types.ts';

const TET = 'Tết Nguyên đán';
const HUNG = 'Giỗ Tổ Hùng Vương (10/3 âm lịch)';
const APRIL_MAY = 'Nghỉ lễ Ngày Chiến thắng 30/4 và Quốc tế Lao động 1/5';
const NATIONAL = 'Nghỉ lễ Quốc khánh 2/9';

export const KNOWN_SCHEDULES: Readonly<Record<string, YearOverride>> = {
  '2025': {
    daysOff: [
      { date: '2025-01-27', name: TET, holiday: 'tet' },
      { date: '2025-01-28', name: TET, holiday: 'tet' },
      { date: '2025-01-29', name: TET, holiday: 'tet' },
      { date: '2025-01-30', name: TET, holiday: 'tet' },
      { date: '2025-01-31', name: TET, holiday: 'tet' },
      { date: '2025-04-07', name: HUNG, holiday: 'hung_kings' },
      { date: '2025-04-30', name: 'Ngày Chiến thắng (30/4)', holiday: 'victory_day' },
      { date: '2025-05-01', name: 'Ngày Quốc tế Lao động (1/5)', holiday: 'labour_day' },
      { date: '2025-05-02', name: `${APRIL_MAY} (hoán đổi, làm bù thứ Bảy 26/4)`, holiday: 'labour_day' },
      { date: '2025-05-03', name: APRIL_MAY, holiday: 'labour_day' },
      { date: '2025-05-04', name: APRIL_MAY, holiday: 'labour_day' },
      { date: '2025-09-01', name: 'Quốc khánh (nghỉ liền kề, 1/9)', holiday: 'national_day' },
      { date: '2025-09-02', name: 'Quốc khánh (2/9)', holiday: 'national_day' },
    ],
    workingDays: [{ date: '2025-04-26', holiday: 'labour_day', note: 'Làm bù cho thứ Sáu 2/5/2025' }],
  },
  '2026': {
    daysOff: [
      { date: '2026-02-14', name: TET, holiday: 'tet' },
      { date: '2026-02-15', name: TET, holiday: 'tet' },
      { date: '2026-02-16', name: TET, holiday: 'tet' },
      { date: '2026-02-17', name: TET, holiday: 'tet' },
      { date: '2026-02-18', name: TET, holiday: 'tet' },
      { date: '2026-02-19', name: TET, holiday: 'tet' },
      { date: '2026-02-20', name: TET, holiday: 'tet' },
      { date: '2026-02-21', name: TET, holiday: 'tet' },
      { date: '2026-02-22', name: TET, holiday: 'tet' },
      { date: '2026-04-26', name: HUNG, holiday: 'hung_kings' },
      { date: '2026-04-27', name: `Nghỉ bù ${HUNG}`, holiday: 'hung_kings' },
      { date: '2026-08-29', name: NATIONAL, holiday: 'national_day' },
      { date: '2026-08-30', name: NATIONAL, holiday: 'national_day' },
      { date: '2026-08-31', name: `${NATIONAL} (hoán đổi, làm bù thứ Bảy 22/8)`, holiday: 'national_day' },
      { date: '2026-09-01', name: 'Quốc khánh (nghỉ liền kề, 1/9)', holiday: 'national_day' },
      { date: '2026-09-02', name: 'Quốc khánh (2/9)', holiday: 'national_day' },
    ],
    workingDays: [{ date: '2026-08-22', holiday: 'national_day', note: 'Làm bù cho thứ Hai 31/8/2026' }],
  },
};
