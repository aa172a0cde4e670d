import type { SiteProfileInput } from '../../../shared/schemas/profile.ts';

/**
 * The simulated single-page back-office (tests/backoffice, `/dvc/`), in the style of React/Ant
 * Design systems. Only selectors should need changing for a real one: the detail URL carries an
 * internal id, so the code is read from the page; lists re-render in place after a fetch, hence
 * `ready`; every action is recorded on its dialog's form submission (each kind has its own form
 * id), never on the button that merely opens the dialog.
 */
const DATE = '(\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2})';
const RECEIVER = { selectors: ['select[name="nguoiNhan"]'], attr: 'value' };
/** The handler's name, unless the page shows a placeholder (nobody assigned yet, or no handler any more). */
const HANDLER_NAME = '^(?!—$|-$|Chưa phân công$)(.+)$';

const FORMS = {
  receive: 'form-tiep-nhan',
  reject: 'form-tu-choi',
  forward: 'form-chuyen-buoc',
  return: 'form-tra-lai',
  transfer: 'form-chuyen-noi-bo',
  supplement_request: 'form-yeu-cau-bo-sung',
  supplement_done: 'form-hoan-thanh-bo-sung',
  update_result: 'form-cap-nhat-ket-qua',
  approve: 'form-duyet',
  stop: 'form-dung-xu-ly',
  finish: 'form-ket-thuc',
  return_result: 'form-tra-ket-qua',
  recall: 'form-thu-hoi',
  apology: 'form-xin-loi',
} as const;

/** Kinds whose confirmation names who receives the dossier. */
const HAND_OVERS = new Set<string>(['forward', 'return', 'transfer', 'approve', 'supplement_done']);

const profile: SiteProfileInput = {
  id: 'backoffice-spa',
  version: 1,
  name: 'Back-office mô phỏng — ứng dụng một trang (/dvc/)',
  matches: ['http://127.0.0.1/*', 'http://localhost/*'],
  pages: [
    {
      kind: 'detail',
      path: '^/dvc/ho-so/\\d+(?:[?#].*)?$',
      ready: '.dossier-detail',
      code: { selectors: ['.dossier-detail .dossier-code'] },
      fields: {
        procedureCode: { selectors: ['.dossier-detail .procedure-code'] },
        status: { selectors: ['.dossier-detail .dossier-status'] },
        step: { selectors: ['.dossier-detail .current-step'] },
        appointmentAt: { selectors: ['.dossier-detail .appointment-at'] },
        handler: { selectors: ['.dossier-detail .current-handler'], pattern: HANDLER_NAME },
      },
    },
    {
      kind: 'list',
      path: '^/dvc/(?:(?:tiep-nhan|xu-ly-ho-so|bo-sung|theo-doi|tra-ket-qua)/[a-z-]+|tra-cuu)(?:[?#].*)?$',
      ready: '.dossier-list[data-state="loaded"]',
      rows: { selectors: ['.dossier-list .dossier-table tbody tr.ant-table-row'] },
      code: { selectors: ['a.dossier-code'] },
      fields: {
        procedureCode: { selectors: ['.procedure-code'] },
        status: { selectors: ['.dossier-status'] },
        step: { selectors: ['.current-step'] },
        appointmentAt: { selectors: ['.dossier-dates'], pattern: `hẹn trả: ${DATE}` },
        handler: { selectors: ['.current-handler'], pattern: HANDLER_NAME },
      },
    },
  ],
  user: { selectors: ['.app-header .user-info__account'] },
  actions: Object.entries(FORMS).map(([kind, id]) => ({
    kind: kind as keyof typeof FORMS,
    on: 'submit' as const,
    selector: `form#${id}`,
    ...(HAND_OVERS.has(kind) ? { toAccount: RECEIVER } : {}),
  })),
  dateFormat: 'dd/MM/yyyy HH:mm',
  detailUrl: '{origin}/dvc/tra-cuu?ma={code}',
  allFrames: false,
};

export default profile;
