/**
 * Invented applicants: Vietnamese names, 12-digit ID numbers, phones, emails and addresses.
 * They exist so privacy scans have real-looking personal data to look for on the pages.
 */
import type { Rng } from './prng.ts';

export interface Applicant {
  name: string;
  idNumber: string;
  birthYear: number;
  phone: string;
  email: string;
  address: string;
}

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Cao',
  'Châu',
];
const MIDDLE_M = ['Văn', 'Hữu', 'Minh', 'Đức', 'Quang', 'Thanh', 'Công', 'Gia'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Kim', 'Thanh', 'Mỹ', 'Bảo', 'Diệu'];
const GIVEN_M = [
  'An',
  'Bảo',
  'Cường',
  'Dũng',
  'Hải',
  'Hiếu',
  'Khang',
  'Khôi',
  'Lâm',
  'Long',
  'Nhân',
  'Phúc',
  'Quân',
  'Tài',
  'Thắng',
  'Toàn',
  'Trí',
  'Vĩnh',
];
const GIVEN_F = [
  'Anh',
  'Châu',
  'Dung',
  'Giang',
  'Hạnh',
  'Hằng',
  'Hương',
  'Linh',
  'Loan',
  'Nga',
  'Nhi',
  'Oanh',
  'Phương',
  'Quyên',
  'Sương',
  'Trang',
  'Uyên',
  'Yến',
];
const STREETS = [
  'Trần Phú',
  'Lê Thánh Tôn',
  'Thái Nguyên',
  'Nguyễn Thị Minh Khai',
  'Yersin',
  '23 Tháng 10',
  'Lạc Long Quân',
  'Hùng Vương',
  'Phạm Văn Đồng',
  'Lê Hồng Phong',
];
const PLACES = [
  'phường Nha Trang',
  'phường Bắc Nha Trang',
  'phường Tây Nha Trang',
  'phường Cam Ranh',
  'xã Diên Khánh',
  'xã Cam Lâm',
  'xã Suối Dầu',
  'phường Ninh Hòa',
];
const PHONE_PREFIXES = ['090', '091', '093', '097', '098', '035', '036', '038', '070', '077', '081', '085'];

/** Accents stripped so a name can become an email local part. */
function ascii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

export function makeApplicant(rng: Rng): Applicant {
  const female = rng.chance(0.5);
  const family = rng.pick(FAMILY);
  const middle = rng.pick(female ? MIDDLE_F : MIDDLE_M);
  const given = rng.pick(female ? GIVEN_F : GIVEN_M);
  const birthYear = rng.int(1955, 2004);
  // The ID number encodes province of birth (056 Khánh Hòa), century and sex, then birth year.
  const centurySex = (birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0);
  const idNumber = `056${centurySex}${String(birthYear % 100).padStart(2, '0')}${digits(rng, 6)}`;
  const phone = `${rng.pick(PHONE_PREFIXES)}${digits(rng, 7)}`;
  const email = `${ascii(given)}.${ascii(family)}${rng.int(10, 99)}@example.com`;
  const address = `Số ${rng.int(1, 250)} đường ${rng.pick(STREETS)}, ${rng.pick(PLACES)}, tỉnh Khánh Hòa`;
  return { name: `${family} ${middle} ${given}`, idNumber, birthYear, phone, email, address };
}
