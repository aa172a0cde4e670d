/**
 * Whether a short text read off a back-office page looks like a citizen's personal data: the
 * product sends only labels (status, step) and officials' own accounts, so a value carrying a
 * citizen ID, a phone number, an email, an address or a person's name was read by a careless
 * selector. Pure and shared: the extension drops such a value before it leaves the page and the
 * server refuses to store what slips through (issue 16). Errs towards suspicion for labels,
 * towards trust for accounts (an official's account or "Full name - position" is expected there).
 */
import { DOSSIER_CODE_PATTERN, UNIT_ID_PATTERN } from '../schemas/dossier-code.ts';

export type PersonalDataKind = 'citizen_id' | 'old_id' | 'phone' | 'email' | 'address' | 'person_name' | 'beyond_label';

/** Where a value comes from decides what is expected in it. */
export type TextRole = 'label' | 'account';

export const PERSONAL_DATA_LABELS: Record<PersonalDataKind, { vi: string; en: string }> = {
  citizen_id: { vi: 'số căn cước / CCCD (12 chữ số)', en: 'citizen ID number (12 digits)' },
  old_id: { vi: 'số CMND cũ (9 chữ số)', en: 'old ID card number (9 digits)' },
  phone: { vi: 'số điện thoại', en: 'phone number' },
  email: { vi: 'địa chỉ thư điện tử', en: 'email address' },
  address: { vi: 'địa chỉ', en: 'postal address' },
  person_name: { vi: 'họ tên người', en: "a person's name" },
  beyond_label: { vi: 'đoạn văn dài hơn một nhãn', en: 'text longer than a label' },
};

/** dd/MM/yyyy, dd-MM-yyyy, dd.MM.yyyy and HH:mm are dates and times, not numbers to check. */
/** Either case for a word's first letter only: `i` would let \p{Lu} match lower case too. */
const words = (list: string[]) => list.map((w) => `[${w[0]}${w[0]!.toUpperCase()}]${w.slice(1)}`).join('|');
const CODES = new RegExp(`${DOSSIER_CODE_PATTERN}|\\d\\.\\d{6}(?:\\.${UNIT_ID_PATTERN})?|${UNIT_ID_PATTERN}`, 'g');
const DATE_OR_TIME = /\d{1,4}[./-]\d{1,2}[./-]\d{2,4}|\b\d{1,2}[:h]\d{2}(?::\d{2})?\b/g;
/** A run of digits with single spaces, dots or hyphens between groups (0935 518 663, 0935.518.663). */
/** Letters may touch it: `textContent` glues a cell's lines together ("CCCD: 056089001234ĐT: 0935518663Email"). */
const DIGIT_RUN = /(?<!\d)\+?\d(?:[ .-]?\d)*(?!\d)/gu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/u;
/** A house number before a street word ("12 Trần Phú", "số 5 đường Lê Lợi", "45/3 hẻm ..."). */
const HOUSE_NUMBER = new RegExp(
  [
    String.raw`(?<![\p{L}\p{N}])\d+[a-zA-Z]?(?:\/\d+[a-zA-Z]?)*\s+(?:${words(['đường', 'phố', 'ngõ', 'ngách', 'hẻm', 'kiệt'])})\s+\p{Lu}`,
    String.raw`(?<![\p{L}\p{N}])\d+[a-zA-Z]?(?:\/\d+[a-zA-Z]?)+\s+\p{Lu}`,
    String.raw`(?<![\p{L}\p{N}])(?:${words(['số nhà', 'số'])})\s*\d+[a-zA-Z]?(?:\/\d+)*,?\s+\p{Lu}\p{Ll}+\s+\p{Lu}`,
  ].join('|'),
  'u',
);
const PLACE_WORD = new RegExp(
  String.raw`(?:^|[\s,(])(?:${words(['thôn', 'ấp', 'xóm', 'tổ dân phố', 'khu phố', 'khu vực', 'đường', 'phố', 'phường', 'xã', 'thị trấn', 'quận', 'huyện', 'thị xã', 'thành phố', 'tp\\.?', 'tỉnh'])})\s+\p{Lu}`,
  'gu',
);
/** Common Vietnamese family names: a capitalised one followed by capitalised given names is a name. */
const SURNAMES = [
  'nguyễn',
  'trần',
  'lê',
  'phạm',
  'hoàng',
  'huỳnh',
  'phan',
  'vũ',
  'võ',
  'đặng',
  'bùi',
  'đỗ',
  'hồ',
  'ngô',
  'dương',
  'lý',
  'đào',
  'đoàn',
  'đinh',
  'lâm',
  'mai',
  'trịnh',
  'trương',
  'cao',
  'lưu',
  'tạ',
  'tô',
  'hà',
  'châu',
  'quách',
  'thái',
  'từ',
  'kiều',
  'la',
  'lương',
  'chu',
  'tăng',
  'triệu',
  'vương',
  'khúc',
  'kim',
  'mạc',
  'lục',
  'phùng',
  'thân',
  'tôn',
];
const SURNAME_SET = new Set(SURNAMES);
/** Words that introduce a person in a sentence: "công dân Lê Quang Khoa", "ông A", "bà B". */
const PERSON_CUE = new RegExp(
  String.raw`(?:^|[\s,:(])(?:${words(['công dân', 'người nộp', 'người dân', 'ông', 'bà', 'anh', 'chị', 'cô', 'chủ hộ', 'họ tên', 'họ và tên'])})\s*:?\s+\p{Lu}`,
  'u',
);
const ID_CUE = /(?<![\p{L}\p{N}])(?:cccd|cmnd|căn cước|sđt|số điện thoại|điện thoại|email|e-mail|địa chỉ)(?![\p{L}\p{N}])/iu;
/** A label is short: a status or a step name is a few words, not a sentence about someone. */
const LABEL_MAX_WORDS = 12;

function digitKind(token: string): PersonalDataKind | null {
  const digits = token.replace(/[^\d]/g, '');
  const plus = token.startsWith('+');
  if (plus && digits.startsWith('84') && digits.length >= 10 && digits.length <= 12) return 'phone';
  if (digits.length === 10 && /^0[35789]/.test(digits)) return 'phone';
  if (digits.length === 11 && /^(?:84[35789]|02)/.test(digits)) return 'phone';
  if (digits.length === 12 && /^84[2-9]/.test(digits) && /[ .-]/.test(token)) return 'phone';
  if (digits.length === 12) return 'citizen_id';
  if (digits.length === 9) return 'old_id';
  // Any other long run of digits is nobody's label either (a number read with separators lost).
  if (digits.length >= 9) return 'citizen_id';
  return null;
}

function looksLikeName(text: string): boolean {
  const words = text.split(/[\s,.;:()\-–/]+/).filter(Boolean);
  for (let i = 0; i + 1 < words.length; i++) {
    const w = words[i]!;
    if (!/^\p{Lu}\p{Ll}*$/u.test(w) || !SURNAME_SET.has(w.toLowerCase())) continue;
    // A family name followed by one to three capitalised words ("Lê Quang Khoa", "Trần Thị B").
    let n = 0;
    while (n < 3 && i + 1 + n < words.length && /^\p{Lu}\p{Ll}*$/u.test(words[i + 1 + n]!)) n++;
    if (n >= 1) return true;
  }
  return PERSON_CUE.test(text);
}

/**
 * The kind of personal data a value seems to hold, or null. `label` (status, step) is checked
 * for everything; `account` (the signed-in user, a receiver, the current handler) is where an
 * official's account, email or "Full name - position" belongs, so only citizen IDs, phone
 * numbers and addresses count there.
 */
export function personalDataKind(value: string, role: TextRole = 'label'): PersonalDataKind | null {
  const text = value.normalize('NFC');
  const withoutDates = text.replace(CODES, ' ').replace(DATE_OR_TIME, ' ');
  for (const m of withoutDates.matchAll(DIGIT_RUN)) {
    const kind = digitKind(m[0]);
    if (kind) return kind;
  }
  if (HOUSE_NUMBER.test(withoutDates) || (text.match(PLACE_WORD)?.length ?? 0) >= 2) return 'address';
  if (role === 'account') return null;
  if (EMAIL.test(text)) return 'email';
  if (ID_CUE.test(text)) return 'beyond_label';
  if (looksLikeName(text)) return 'person_name';
  if (text.trim().split(/\s+/).length > LABEL_MAX_WORDS) return 'beyond_label';
  return null;
}
