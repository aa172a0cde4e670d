/**
 * The demo world's administrative procedures. Codes have the national shape
 * (`{national code}.000.00.00.H32`) but are not claimed to be the real catalogue's entries.
 */

export type BackofficeRole = 'desk_clerk' | 'specialist' | 'division_head' | 'agency_head';
export type TimeType = 'working_days' | 'calendar_days';

export interface DemoProcedureStep {
  code: string;
  name: string;
  role: BackofficeRole;
  /** Hours in the procedure's time type: working hours (8 a day) or calendar hours (24 a day). */
  allottedHours: number;
}

export interface DemoProcedure {
  code: string;
  name: string;
  /** Units that receive this procedure's dossiers. */
  unitIds: string[];
  /** Prescribed total, e.g. 10 (working) days. */
  totalDays: number;
  timeType: TimeType;
  /** Fee in đồng. */
  fee: number;
  /** Papers of the dossier, offered when a supplement is requested. */
  papers: string[];
  steps: DemoProcedureStep[];
}

const DEPARTMENT = '000.00.12.H32';
const COMMUNES = ['000.31.05.H32', '000.31.07.H32'];

const hoursPerDay = (t: TimeType) => (t === 'working_days' ? 8 : 24);

/**
 * A department's realistic split (DOMAIN.md): the desk's share and the leaders' shares are
 * fixed, the specialist's examination gets the rest.
 */
function departmentSteps(days: number, timeType: TimeType): DemoProcedureStep[] {
  const h = hoursPerDay(timeType);
  const [desk, head, chief, back] = days >= 7 ? [0.5, 1, 1, 0.5] : [0.25, 0.5, 0.5, 0.25];
  return [
    { code: 'TIEP_NHAN', name: 'Tiếp nhận hồ sơ', role: 'desk_clerk', allottedHours: desk * h },
    { code: 'THAM_DINH', name: 'Thẩm định hồ sơ', role: 'specialist', allottedHours: (days - desk - head - chief - back) * h },
    { code: 'TRINH_KY', name: 'Lãnh đạo phòng xem xét, trình ký', role: 'division_head', allottedHours: head * h },
    { code: 'PHE_DUYET', name: 'Lãnh đạo Sở phê duyệt', role: 'agency_head', allottedHours: chief * h },
    { code: 'TRA_KET_QUA', name: 'Trả kết quả', role: 'desk_clerk', allottedHours: back * h },
  ];
}

/** A commune has no division: the specialist submits straight to the commune chair. */
function communeSteps(days: number, timeType: TimeType): DemoProcedureStep[] {
  const h = hoursPerDay(timeType);
  const [desk, chief, back] = days >= 3 ? [0.5, 1, 0.5] : [0.125, 0.25, 0.125];
  return [
    { code: 'TIEP_NHAN', name: 'Tiếp nhận hồ sơ', role: 'desk_clerk', allottedHours: desk * h },
    { code: 'XU_LY', name: 'Công chức chuyên môn xử lý', role: 'specialist', allottedHours: (days - desk - chief - back) * h },
    { code: 'KY_DUYET', name: 'Chủ tịch UBND xã ký duyệt', role: 'agency_head', allottedHours: chief * h },
    { code: 'TRA_KET_QUA', name: 'Trả kết quả', role: 'desk_clerk', allottedHours: back * h },
  ];
}

type Def = Omit<DemoProcedure, 'steps' | 'unitIds'>;

function dept(def: Def): DemoProcedure {
  return { ...def, unitIds: [DEPARTMENT], steps: departmentSteps(def.totalDays, def.timeType) };
}

function commune(def: Def): DemoProcedure {
  return { ...def, unitIds: COMMUNES, steps: communeSteps(def.totalDays, def.timeType) };
}

const LAND_PAPERS = [
  'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu số 11/ĐK)',
  'Bản gốc Giấy chứng nhận đã cấp',
  'Hợp đồng, văn bản về chuyển quyền sử dụng đất',
  'Văn bản ủy quyền (nếu có)',
];

export const DEMO_PROCEDURES: DemoProcedure[] = [
  dept({
    code: '1.012790.000.00.00.H32',
    name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    totalDays: 10,
    timeType: 'working_days',
    fee: 30_000,
    papers: LAND_PAPERS,
  }),
  dept({
    code: '1.012791.000.00.00.H32',
    name: 'Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất',
    totalDays: 10,
    timeType: 'working_days',
    fee: 50_000,
    papers: [
      'Đơn đề nghị cấp lại Giấy chứng nhận (Mẫu số 11/ĐK)',
      'Giấy xác nhận của Công an xã về việc mất giấy tờ',
      'Bản sao Căn cước công dân',
    ],
  }),
  dept({
    code: '1.012792.000.00.00.H32',
    name: 'Đính chính Giấy chứng nhận đã cấp',
    totalDays: 10,
    timeType: 'working_days',
    fee: 0,
    papers: ['Đơn đề nghị đính chính', 'Bản gốc Giấy chứng nhận đã cấp', 'Giấy tờ chứng minh nội dung sai sót'],
  }),
  dept({
    code: '1.001990.000.00.00.H32',
    name: 'Gia hạn sử dụng đất ngoài khu công nghệ cao, khu kinh tế',
    totalDays: 7,
    timeType: 'working_days',
    fee: 100_000,
    papers: ['Đơn xin gia hạn sử dụng đất (Mẫu số 08)', 'Bản gốc Giấy chứng nhận đã cấp', 'Quyết định đầu tư bổ sung (nếu có)'],
  }),
  dept({
    code: '1.004227.000.00.00.H32',
    name: 'Cấp giấy phép khai thác, sử dụng nước dưới đất',
    totalDays: 15,
    timeType: 'working_days',
    fee: 600_000,
    papers: [
      'Đơn đề nghị cấp giấy phép',
      'Báo cáo kết quả thăm dò, đánh giá trữ lượng nước dưới đất',
      'Kết quả phân tích chất lượng nguồn nước',
    ],
  }),
  dept({
    code: '1.010727.000.00.00.H32',
    name: 'Cấp giấy phép môi trường cấp tỉnh',
    totalDays: 20,
    timeType: 'working_days',
    fee: 1_500_000,
    papers: ['Văn bản đề nghị cấp giấy phép môi trường', 'Báo cáo đề xuất cấp giấy phép môi trường', 'Bản sao báo cáo nghiên cứu khả thi'],
  }),
  dept({
    code: '1.012798.000.00.00.H32',
    name: 'Cung cấp thông tin, dữ liệu đất đai',
    totalDays: 3,
    timeType: 'working_days',
    fee: 20_000,
    papers: ['Phiếu yêu cầu cung cấp thông tin, dữ liệu đất đai (Mẫu số 13/ĐK)'],
  }),
  commune({
    code: '1.001193.000.00.00.H32',
    name: 'Đăng ký khai sinh',
    totalDays: 1,
    timeType: 'working_days',
    fee: 0,
    papers: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh', 'Căn cước của người đi đăng ký'],
  }),
  commune({
    code: '1.000894.000.00.00.H32',
    name: 'Đăng ký kết hôn',
    totalDays: 5,
    timeType: 'working_days',
    fee: 0,
    papers: ['Tờ khai đăng ký kết hôn', 'Giấy xác nhận tình trạng hôn nhân', 'Căn cước của hai bên nam, nữ'],
  }),
  commune({
    code: '1.000656.000.00.00.H32',
    name: 'Đăng ký khai tử',
    totalDays: 2,
    timeType: 'working_days',
    fee: 0,
    papers: ['Tờ khai đăng ký khai tử', 'Giấy báo tử hoặc giấy tờ thay thế'],
  }),
  commune({
    code: '2.000815.000.00.00.H32',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
    totalDays: 2,
    timeType: 'working_days',
    fee: 2_000,
    papers: ['Bản chính giấy tờ, văn bản', 'Bản sao cần chứng thực'],
  }),
  commune({
    code: '1.004082.000.00.00.H32',
    name: 'Xác nhận tình trạng hôn nhân',
    totalDays: 3,
    timeType: 'working_days',
    fee: 0,
    papers: ['Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', 'Bản án, quyết định ly hôn (nếu có)'],
  }),
  commune({
    code: '1.009994.000.00.00.H32',
    name: 'Cấp giấy phép xây dựng nhà ở riêng lẻ',
    totalDays: 15,
    timeType: 'calendar_days',
    fee: 75_000,
    papers: ['Đơn đề nghị cấp giấy phép xây dựng (Mẫu số 01)', 'Giấy tờ chứng minh quyền sử dụng đất', 'Hai bộ bản vẽ thiết kế xây dựng'],
  }),
];

export function procedureByCode(code: string): DemoProcedure | undefined {
  return DEMO_PROCEDURES.find((p) => p.code === code);
}
