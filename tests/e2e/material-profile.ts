import type { SiteProfileInput } from '../../shared/schemas/profile.ts';

const ICONS = ['mat-icon', '.material-icons'];
const OK = {
  on: 'click' as const,
  text: ['Đồng ý'],
  ignore: ICONS,
  toAccount: { selectors: ['.mat-select-value-text'], attr: 'data-account' },
};

/** Written by an admin for the third variant, published through the API, never bundled. */
export const MATERIAL: SiteProfileInput = {
  id: 'backoffice-material',
  version: 1,
  name: 'Back-office mô phỏng — kiểu Angular Material (/mat/)',
  matches: ['http://127.0.0.1/*'],
  user: { selectors: ['.user-menu .account'] },
  dateFormat: 'dd/MM/yyyy HH:mm',
  allFrames: false,
  pages: [
    {
      kind: 'list',
      path: '^/mat/ho-so(?:[?#].*)?$',
      ready: 'mat-table[data-state="loaded"]',
      rows: { selectors: ['mat-row'] },
      code: { selectors: ['.mat-column-code a'] },
      fields: {
        status: { selectors: ['.mat-column-status'], ignore: ICONS },
        step: { selectors: ['.mat-column-step'] },
        appointmentAt: { selectors: ['.mat-column-due'], dateFormat: 'yyyy-MM-dd HH:mm' },
      },
    },
    {
      kind: 'detail',
      path: '^/mat/ho-so/\\d+$',
      code: { selectors: ['.info-grid'], pattern: '(\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}-\\d{6}-\\d{4})' },
      fields: {
        status: { selectors: ['.info-grid'], ignore: ICONS, pattern: 'Trạng thái (.+?) Bước xử lý' },
        step: { selectors: ['.info-grid'], pattern: 'Bước xử lý (.+?) Ngày hẹn trả' },
      },
    },
  ],
  actions: [
    { kind: 'forward', ...OK, dialog: { title: ['Chuyển bước xử lý'] } },
    { kind: 'transfer', ...OK, dialog: { title: ['Chuyển nội bộ'] } },
  ],
};
