import type { SiteProfileInput } from '../../../shared/schemas/profile.ts';

/**
 * The simulated server-rendered back-office (tests/backoffice, `/motcua/`), in the style of
 * older PHP one-stop systems: lists are full pages, the detail opens in a popup window, and
 * each action is a form in an iframe inside that popup, posted with a hidden `task` input.
 * The frame page repeats the dossier's code and key facts so it can be read on its own, which
 * is why it has a page rule of its own.
 */
const DATE = '(\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2})';
const RECEIVER = { selectors: ['select[name="nguoi_nhan"]'], attr: 'value' };
/** The handler's name, unless the page shows a placeholder (nobody assigned yet, or no handler any more). */
const HANDLER_NAME = '^(?!—$|-$|Chưa phân công$)(.+)$';

const TASKS = {
  receive: 'tiepnhan',
  reject: 'tuchoi',
  forward: 'chuyenbuoc',
  return: 'tralai',
  transfer: 'chuyennoibo',
  supplement_request: 'yeucaubosung',
  supplement_done: 'hoanthanhbosung',
  update_result: 'capnhatketqua',
  approve: 'duyet',
  stop: 'dungxuly',
  finish: 'ketthuc',
  return_result: 'traketqua',
  recall: 'thuhoi',
  apology: 'xinloi',
} as const;

/** Kinds whose form names who receives the dossier. */
const HAND_OVERS = new Set<string>(['forward', 'return', 'transfer', 'approve', 'supplement_done']);

const profile: SiteProfileInput = {
  id: 'backoffice-classic',
  version: 1,
  name: 'Back-office mô phỏng — hệ thống cũ (/motcua/)',
  matches: ['http://127.0.0.1/*', 'http://localhost/*'],
  pages: [
    {
      kind: 'list',
      path: '^/motcua/index\\.php\\?mod=hoso&act=list(?:&|#|$)',
      rows: { selectors: ['table#dsHoSo tr.hs-row'] },
      code: { selectors: ['td.c-mahoso a.lnk-mahoso'] },
      fields: {
        procedureCode: { selectors: ['.mathutuc'] },
        status: { selectors: ['.trangthai'] },
        step: { selectors: ['.buocxuly'] },
        appointmentAt: { selectors: ['.thoigian'], pattern: `hẹn trả: ${DATE}` },
        handler: { selectors: ['.canbo'], pattern: HANDLER_NAME },
      },
    },
    {
      kind: 'detail',
      path: '^/motcua/index\\.php\\?mod=hoso&act=view&id=\\d+',
      ready: '#thanhcongcu',
      code: { selectors: ['#ma_ho_so'] },
      fields: {
        procedureCode: { selectors: ['#ma_thu_tuc'] },
        status: { selectors: ['#trang_thai'] },
        step: { selectors: ['#buoc_hien_tai'] },
        appointmentAt: { selectors: ['#ngay_hen_tra'] },
        // "Cán bộ đang xử lý" has no id of its own: it is the row after the current step's.
        handler: { selectors: ['.tblChiTiet tr:has(> #buoc_hien_tai) + tr > td:not(.nhan)'], pattern: HANDLER_NAME },
      },
    },
    {
      // The action form inside the popup's iframe.
      kind: 'detail',
      path: '^/motcua/index\\.php\\?mod=xuly&act=form&id=\\d+',
      ready: 'form#frmXuLy',
      code: { selectors: ['#frm_mahoso'] },
      fields: {
        procedureCode: { selectors: ['#frm_mathutuc'] },
        status: { selectors: ['#frm_trangthai'] },
        step: { selectors: ['#frm_buoc'] },
        appointmentAt: { selectors: ['#frm_hentra'] },
      },
    },
  ],
  user: { selectors: ['#taikhoan'] },
  actions: Object.entries(TASKS).map(([kind, task]) => ({
    kind: kind as keyof typeof TASKS,
    on: 'submit' as const,
    selector: `form#frmXuLy:has(input[name="task"][value="${task}"])`,
    ...(HAND_OVERS.has(kind) ? { toAccount: RECEIVER } : {}),
  })),
  dateFormat: 'dd/MM/yyyy HH:mm',
  detailUrl: '{origin}/motcua/index.php?mod=hoso&act=tracuu&ma={code}',
  allFrames: true,
};

export default profile;
