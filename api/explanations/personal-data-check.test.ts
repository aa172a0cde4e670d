import { describe, expect, test } from 'vitest';
import { personalDataIn } from './personal-data-check.ts';

describe('personal data in an explanation', () => {
  test.each([
    ['CCCD 079203001234 của công dân', ['citizen_id']],
    ['CMND 023456789', ['old_id_card']],
    ['gọi 0905 123 456 không được', ['phone']],
    ['số +84905123456', ['phone']],
    ['gửi thư tới nguyen.van.a@gmail.com', ['email']],
  ])('%s', (text, kinds) => {
    expect(personalDataIn(text)).toEqual(kinds);
  });

  test('dossier codes, dates and hours are not personal data', () => {
    expect(personalDataIn('Hồ sơ 000.00.12.H32-260105-0001 chờ Sở Xây dựng từ 05/01/2026 08:30, 16 giờ')).toEqual([]);
    expect(personalDataIn('Thủ tục 1.012790.000.00.00.H32')).toEqual([]);
  });
});
