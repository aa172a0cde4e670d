/**
 * Whether a free text carries a citizen's personal data: simple checks for the shapes a
 * back-office page shows (12-digit citizen ID, 9-digit old ID card, phone numbers, emails).
 * One small function on purpose: a shared detector (shared/privacy) replaces it when it exists.
 */
export type PersonalDataKind = 'citizen_id' | 'old_id_card' | 'phone' | 'email';

const CHECKS: [PersonalDataKind, RegExp][] = [
  ['email', /[^\s@]+@[^\s@]+\.[^\s@]+/u],
  // Mobile and landline numbers: +84 or 0, then 9 or 10 digits, single spaces, dots or dashes between.
  ['phone', /(?<![\d.])(?:\+84|0)[1-9](?:[ .-]?\d){8,9}(?!\d)/u],
  ['citizen_id', /(?<!\d)\d{12}(?!\d)/u],
  ['old_id_card', /(?<!\d)\d{9}(?!\d)/u],
];

export function personalDataIn(text: string): PersonalDataKind[] {
  return CHECKS.filter(([, re]) => re.test(text)).map(([kind]) => kind);
}
