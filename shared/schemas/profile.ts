import { z } from 'zod';
import { DEFAULT_DIALOG } from './profile-dialog.ts';
import { actionKindSchema } from './dossier.ts';
import { int32 } from './safe-text.ts';

/**
 * A site profile tells the extension how to read one back-office: it is data, written by an
 * admin and validated here, so a new back-office needs a profile, not a new extension build.
 */

/**
 * Profiles come from admins and are served to every extension, whose panels turn `detailUrl`
 * into a link: only web addresses, never `javascript:`, `data:` or `file:`. `<all_urls>` stays
 * allowed for the bundled generic profile: which pages are read is granted per origin at run time.
 */
const WEB_MATCH_RE = /^(<all_urls>|(https?|\*):\/\/[^/\s]+\/\S*)$/;
export function isWebUrlTemplate(template: string): boolean {
  const filled = template.replaceAll('{origin}', 'https://backoffice.invalid').replaceAll('{code}', '000.00.00.H00-000000-0000');
  if (!/^https?:\/\//i.test(filled)) return false;
  try {
    const u = new URL(filled);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Where to read one value: CSS selectors tried in order, then an attribute or the text, then a regex. */
export const fieldRuleSchema = z
  .object({
    selectors: z
      .array(z.string().min(1))
      .min(1)
      .describe(
        'Bộ chọn CSS, thử lần lượt; phần tử đầu tiên tìm thấy được đọc / CSS selectors tried in order; the first element found is read. Ví dụ / e.g. ["#maHoSo", "[data-field=code]"]',
      ),
    /** Read this attribute instead of the text content (`value` reads a form control's value). */
    attr: z
      .string()
      .min(1)
      .optional()
      .describe(
        "Đọc thuộc tính này thay cho chữ (`value`: giá trị của ô nhập/ô chọn) / Read this attribute instead of the text (`value`: a form control's value)",
      ),
    /** A regular expression; its first group (or the whole match) is the value. */
    pattern: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Biểu thức chính quy; nhóm thứ nhất (hoặc cả chuỗi khớp) là giá trị / Regular expression; its first group (or the whole match) is the value. Ví dụ / e.g. "hẹn trả: (\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2})"',
      ),
    /** Descendants whose text is not part of the value: icon fonts (`mat-icon`, `.material-icons`) put their ligature name in the text. */
    ignore: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Bộ chọn các phần tử con bị bỏ khi đọc chữ (chữ của biểu tượng font), ví dụ ["mat-icon", ".material-icons"] / Descendants left out of the text (icon-font ligatures)',
      ),
    /** How this value writes dates, when it differs from the profile's `dateFormat`. */
    dateFormat: z
      .string()
      .min(1)
      .optional()
      .describe('Định dạng ngày riêng của trường này, ví dụ "yyyy-MM-dd HH:mm" / This field\'s own date format'),
  })
  .strict()
  .describe('Cách đọc một giá trị trên trang / Where to read one value on the page');
export type FieldRule = z.infer<typeof fieldRuleSchema>;

export const fieldRulesSchema = z
  .object({
    procedureCode: fieldRuleSchema.optional().describe('Mã thủ tục, ví dụ 1.001193.000.00.00.H32 / Procedure code'),
    status: fieldRuleSchema
      .optional()
      .describe(
        'Trạng thái (một nhãn ngắn như "Đang xử lý"; không bao giờ cả ô có tên, số điện thoại của công dân) / Status: a short label, never a whole cell holding a citizen\'s data',
      ),
    step: fieldRuleSchema.optional().describe('Bước xử lý hiện tại, ví dụ "Thẩm định" / Current step'),
    appointmentAt: fieldRuleSchema.optional().describe('Ngày hẹn trả, đọc theo dateFormat / Appointment date, parsed with dateFormat'),
    /** The official the page names as the current handler (account or display name). */
    handler: fieldRuleSchema
      .optional()
      .describe(
        'Cán bộ đang xử lý do trang ghi (tài khoản hoặc tên hiển thị) / The current handler the page names (account or display name)',
      ),
  })
  .strict()
  .describe('Các trường được phép đọc (danh sách trắng) / The whitelisted fields');

export const actionRuleSchema = z
  .object({
    kind: actionKindSchema.describe(
      'Loại thao tác ghi nhận / The action recorded: receive, reject, forward, return, transfer, supplement_request, supplement_done, update_result, approve, stop, finish, return_result, recall, apology',
    ),
    /** `click`: a click on an element matching `selector` and/or whose text is one of `text`; `submit`: a form matching `selector` is submitted. */
    on: z
      .enum(['click', 'submit'])
      .default('click')
      .describe(
        'click: bấm vào phần tử khớp selector và/hoặc có chữ trong text (so bằng closest()); submit: gửi biểu mẫu khớp selector / click on a matching element (matched with closest()); submit of a matching form',
      ),
    selector: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Bộ chọn CSS của nút XÁC NHẬN (không phải nút mở hộp thoại), ví dụ "form#frmChuyenXuLy" / CSS selector of the confirm control, not the one opening the dialog',
      ),
    text: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Chữ trên nút, so khớp nguyên văn (không phân biệt hoa thường; chữ của biểu tượng font cũng tính) / Button text, matched whole (case-insensitive; icon-font text counts)',
      ),
    /** Within the dialog or form being confirmed: who receives the dossier on a hand-over. */
    toAccount: fieldRuleSchema
      .optional()
      .describe(
        'Người nhận khi chuyển: đọc trong biểu mẫu được gửi, rồi trong cả trang / Receiver of a hand-over: read in the submitted form, then in the whole document',
      ),
    /** The rule applies only inside this dialog, chosen by its title or text (one shared "Đồng ý" dialog for several actions). */
    dialog: z
      .object({
        selector: z
          .string()
          .min(1)
          .default(DEFAULT_DIALOG)
          .describe('Bộ chọn hộp thoại (mặc định: dialog, [role=dialog], .mat-dialog-container, .modal…) / The dialog container'),
        title: z
          .array(z.string().min(1))
          .optional()
          .describe('Tiêu đề hộp thoại chứa một trong các chữ này / The dialog title contains one of these'),
        text: z
          .array(z.string().min(1))
          .optional()
          .describe('Nội dung hộp thoại chứa một trong các chữ này / The dialog text contains one of these'),
      })
      .strict()
      .optional()
      .describe(
        'Chỉ khớp khi nút nằm trong hộp thoại này: chọn loại thao tác theo tiêu đề hoặc nội dung hộp thoại / Only inside this dialog: the kind chosen by its title or text',
      ),
    /** Descendants of the control whose text is not part of its label (icon fonts). */
    ignore: z
      .array(z.string().min(1))
      .optional()
      .describe('Phần tử con bị bỏ khi so chữ nút (biểu tượng font) / Descendants left out of the label (icon fonts)'),
  })
  .strict()
  .describe('Quy tắc nhận biết một thao tác / How an action is recognised')
  .refine((r) => r.selector || (r.text && r.text.length > 0), { message: 'an action rule needs a selector or a text' });
export type ActionRule = z.infer<typeof actionRuleSchema>;

export const pageRuleSchema = z
  .object({
    kind: z.enum(['list', 'detail']).describe("list: danh sách hồ sơ; detail: trang một hồ sơ / a list of dossiers, or one dossier's page"),
    /** A regular expression tested against the URL's path, query and hash. */
    path: z
      .string()
      .min(1)
      .describe(
        'Biểu thức chính quy thử trên đường dẫn + truy vấn + # của URL, ví dụ "^/dvc/ho-so/\\d+$" / Regex tested against the URL\'s path, query and hash',
      ),
    /** A list page: one element per dossier row. */
    rows: fieldRuleSchema
      .optional()
      .describe('Trang danh sách: mỗi phần tử là một dòng hồ sơ (tr, mat-row, div) / List page: one element per dossier row'),
    /** The dossier code: in a list, read inside each row; on a detail page, on the page (or from `path`'s first group). */
    code: fieldRuleSchema
      .optional()
      .describe('Mã hồ sơ: trong mỗi dòng (danh sách) hoặc trên trang (chi tiết) / Dossier code: inside each row, or on the detail page'),
    fields: fieldRulesSchema.default({}),
    /** Element whose presence means the page is ready to read (single-page apps render late). */
    ready: z
      .string()
      .optional()
      .describe(
        'Bộ chọn của phần tử báo trang đã tải xong (ứng dụng một trang vẽ muộn) / Selector of an element whose presence means the page is ready',
      ),
  })
  .strict()
  .describe('Một loại trang được đọc / One kind of page the profile reads');
export type PageRule = z.infer<typeof pageRuleSchema>;

export const siteProfileSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,62}$/)
      .describe('Mã hồ sơ trang: chữ thường, số, gạch ngang, ví dụ "motcua-khanhhoa" / Profile id'),
    version: int32().min(1).describe('Phiên bản, tăng 1 mỗi lần đăng / Version: the next number on every publication'),
    name: z.string().min(1).describe('Tên dễ đọc / Human-readable name'),
    /** Match patterns (`http://host:port/*`, `https://*.example.vn/*`); ports are compared when given. */
    matches: z
      .array(z.string().regex(WEB_MATCH_RE, 'chỉ mẫu http(s):// hoặc *:// / only http(s):// or *:// match patterns'))
      .min(1)
      .describe(
        'Mẫu địa chỉ của hệ thống, ví dụ ["https://motcua.khanhhoa.gov.vn/*"]; cổng được so khi có / URL match patterns; ports compared when given',
      ),
    pages: z
      .array(pageRuleSchema)
      .min(1)
      .describe('Các loại trang đọc được; trang được chọn lại sau mỗi lần đổi địa chỉ / Page rules, chosen again on every route change'),
    /** The back-office account signed in on the page. */
    user: fieldRuleSchema.optional().describe('Tài khoản đang đăng nhập hệ thống (của chính cán bộ) / The back-office account signed in'),
    actions: z.array(actionRuleSchema).default([]).describe('Các thao tác được ghi nhận / Action rules'),
    /** How dates are written on the page, e.g. `dd/MM/yyyy HH:mm`. */
    dateFormat: z
      .string()
      .default('dd/MM/yyyy HH:mm')
      .describe('Cách trang viết ngày giờ, ví dụ "dd/MM/yyyy HH:mm" / How the page writes dates'),
    /** Opens a dossier in this back-office: `{origin}` and `{code}` are replaced. */
    detailUrl: z
      .string()
      .refine(isWebUrlTemplate, 'chỉ liên kết http(s) / only http(s) links')
      .optional()
      .describe('Liên kết mở một hồ sơ: {origin} và {code} được thay, ví dụ "{origin}/dvc/tra-cuu?ma={code}" / Link opening a dossier'),
    /** Also run inside frames of matching pages (server-rendered back-offices use them). */
    allFrames: z.boolean().default(true).describe('Chạy cả trong khung (frame) của trang / Also run inside frames'),
    /**
     * This profile is the back-office at its `matches`: on a matching page that no page rule
     * covers (a dashboard, a settings screen) the generic reader does not stand in; the page is
     * reported as not read, and the profile's rules apply again on the next route.
     */
    ownsOrigin: z
      .boolean()
      .optional()
      .describe(
        'Hồ sơ trang này là hệ thống ở địa chỉ đó: trang không có quy tắc thì không dùng bộ đọc chung mà báo "chưa đọc" / This profile owns its origin: unruled pages are reported unread, no generic reader',
      ),
  })
  .strict();
export type SiteProfile = z.infer<typeof siteProfileSchema>;
export type SiteProfileInput = z.input<typeof siteProfileSchema>;
