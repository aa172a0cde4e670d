/**
 * The demo world as data: units, officials and procedures. The API's demo seed and the
 * simulated back-office both read this file, so an account signed in on the back-office is the
 * same official the API knows. Names are invented.
 */
import type { BackofficeRole } from './procedures.ts';

export type { BackofficeRole, DemoProcedure, TimeType } from './procedures.ts';
export { DEMO_PROCEDURES, procedureByCode } from './procedures.ts';

export type ApiRole = 'clerk' | 'leader' | 'inspector' | 'admin';

export interface DemoUnit {
  id: string;
  name: string;
  parentId: string | null;
  level: 'province' | 'department' | 'commune';
}

export interface DemoOfficial {
  username: string;
  displayName: string;
  unitId: string;
  /** Null for accounts that exist only in the API (admin, inspectors). */
  backofficeRole: BackofficeRole | null;
  apiRole: ApiRole;
  /** Job title as a back-office shows it. */
  title: string;
}

/** Every demo account, in the back-office and in the API, signs in with this password. */
export const DEMO_PASSWORD = 'demo';

export const PROVINCE_ROOT_ID = '000.00.00.H32';

export const DEMO_UNITS: DemoUnit[] = [
  { id: PROVINCE_ROOT_ID, name: 'UBND tỉnh Khánh Hòa', parentId: null, level: 'province' },
  { id: '000.00.12.H32', name: 'Sở Tài nguyên và Môi trường', parentId: PROVINCE_ROOT_ID, level: 'department' },
  { id: '000.31.05.H32', name: 'UBND xã Diên Khánh', parentId: PROVINCE_ROOT_ID, level: 'commune' },
  { id: '000.31.07.H32', name: 'UBND xã Cam Lâm', parentId: PROVINCE_ROOT_ID, level: 'commune' },
];

const SO = '000.00.12.H32';
const XA1 = '000.31.05.H32';
const XA2 = '000.31.07.H32';

export const BACKOFFICE_ROLE_LABELS_VI: Record<BackofficeRole, string> = {
  desk_clerk: 'Cán bộ một cửa',
  specialist: 'Chuyên viên',
  division_head: 'Lãnh đạo phòng',
  agency_head: 'Lãnh đạo đơn vị',
};

type Row = [username: string, displayName: string, unitId: string, role: BackofficeRole | null, apiRole: ApiRole, title: string];

const ROWS: Row[] = [
  ['motcua1', 'Nguyễn Thị Thu Hà', SO, 'desk_clerk', 'clerk', 'Cán bộ Bộ phận Một cửa'],
  ['motcua2', 'Trần Văn Bình', SO, 'desk_clerk', 'clerk', 'Cán bộ Bộ phận Một cửa'],
  ['chuyenvien1', 'Lê Minh Tuấn', SO, 'specialist', 'clerk', 'Chuyên viên Phòng Quản lý đất đai'],
  ['chuyenvien2', 'Phạm Thị Lan Anh', SO, 'specialist', 'clerk', 'Chuyên viên Phòng Quản lý đất đai'],
  ['chuyenvien3', 'Võ Quốc Huy', SO, 'specialist', 'clerk', 'Chuyên viên Phòng Tài nguyên nước'],
  ['lanhdao1', 'Đặng Văn Hùng', SO, 'division_head', 'clerk', 'Trưởng phòng Quản lý đất đai'],
  ['lanhdao2', 'Huỳnh Thị Mai', SO, 'division_head', 'clerk', 'Phó Trưởng phòng Quản lý đất đai'],
  ['giamdoc1', 'Ngô Thanh Sơn', SO, 'agency_head', 'clerk', 'Phó Giám đốc Sở'],
  ['motcuaxa1', 'Đỗ Thị Kim Ngân', XA1, 'desk_clerk', 'clerk', 'Công chức Bộ phận Một cửa xã'],
  ['tuphapxa1', 'Bùi Văn Lộc', XA1, 'specialist', 'clerk', 'Công chức Tư pháp - Hộ tịch'],
  ['chutichxa1', 'Phan Đức Thịnh', XA1, 'agency_head', 'clerk', 'Chủ tịch UBND xã'],
  ['motcuaxa2', 'Hồ Thị Bích Trâm', XA2, 'desk_clerk', 'clerk', 'Công chức Bộ phận Một cửa xã'],
  ['tuphapxa2', 'Dương Minh Khoa', XA2, 'specialist', 'clerk', 'Công chức Tư pháp - Hộ tịch'],
  ['diachinhxa2', 'Lý Thị Thanh Thảo', XA2, 'specialist', 'clerk', 'Công chức Địa chính - Xây dựng'],
  ['chutichxa2', 'Vũ Hoàng Nam', XA2, 'agency_head', 'clerk', 'Chủ tịch UBND xã'],
  ['admin', 'Quản trị hệ thống', PROVINCE_ROOT_ID, null, 'admin', 'Quản trị viên'],
  ['thanhtra', 'Trịnh Quang Vinh', PROVINCE_ROOT_ID, null, 'inspector', 'Thanh tra viên, Văn phòng UBND tỉnh'],
];

export const DEMO_OFFICIALS: DemoOfficial[] = ROWS.map(([username, displayName, unitId, backofficeRole, apiRole, title]) => ({
  username,
  displayName,
  unitId,
  backofficeRole,
  apiRole,
  title,
}));

export function officialByUsername(username: string): DemoOfficial | undefined {
  return DEMO_OFFICIALS.find((o) => o.username === username);
}

export function unitById(id: string): DemoUnit | undefined {
  return DEMO_UNITS.find((u) => u.id === id);
}

/** Units whose dossiers the back-office holds (the province root receives none in the demo). */
export const BACKOFFICE_UNIT_IDS = [SO, XA1, XA2];
