import { describe, expect, it } from 'vitest';
import { personalDataKind } from './personal-data.ts';
import { screenEvent } from './screen-event.ts';
import { eventSchema } from '../schemas/events.ts';

describe('personalDataKind', () => {
  it.each([
    ['Chờ bổ sung Đã thông báo cho công dân Lê Quang Khoa qua SĐT 0935518663', 'phone'],
    ['Liên hệ 0935 518 663', 'phone'],
    ['Liên hệ 0935.518.663', 'phone'],
    ['Gọi +84 935 518 663', 'phone'],
    ['Máy bàn 02583822123', 'phone'],
    ['CCCD 056089001234', 'citizen_id'],
    ['056089001234', 'citizen_id'],
    ['CMND 225123456', 'old_id'],
    ['Gửi khoa.le@gmail.com', 'email'],
    ['12 đường Trần Phú', 'address'],
    ['45/3 Nguyễn Thiện Thuật', 'address'],
    ['thôn Phú Bình, xã Cam Hải Tây', 'address'],
    ['Đã báo công dân Lê Quang Khoa', 'person_name'],
    ['Chờ ông Tư ký', 'person_name'],
    ['Trần Thị Bích', 'person_name'],
    ['Đã thông báo qua điện thoại', 'beyond_label'],
    // A whole cell's text, its lines glued together by textContent.
    ['Nguyễn Văn AnCCCD: 056089001234ĐT: 0935518663Email: an@gmail.com', 'citizen_id'],
    ['Trần Thị BìnhĐT: 0935518663', 'phone'],
    ['Chờ bổ sung giấy tờ vì hồ sơ còn thiếu bản sao giấy chứng nhận quyền sử dụng đất và bản vẽ', 'beyond_label'],
  ])('%s → %s', (text, kind) => {
    expect(personalDataKind(text)).toBe(kind);
  });

  it.each([
    'Chờ bổ sung',
    'Đã bổ sung – chờ tiếp nhận',
    'Đang xử lý',
    'Chuyển phòng chuyên môn',
    'Lãnh đạo phòng ký duyệt',
    'Văn phòng Đăng ký đất đai',
    'Thẩm định hồ sơ',
    'Bước 2 Thẩm định',
    'Hẹn trả 05/12/2026 14:30',
    'Tiếp nhận: 01.12.2026 08:15',
    'Hồ sơ 000.00.06.H32-231027-0361',
    'Thủ tục 1.001193.000.00.00.H32',
    'Chuyển UBND phường Lộc Thọ',
    'Đã trả kết quả',
  ])('label %s is clean', (text) => {
    expect(personalDataKind(text)).toBeNull();
  });

  it("accounts may be emails and officials' names, never IDs, phones or addresses", () => {
    expect(personalDataKind('cv.tran@khanhhoa.gov.vn', 'account')).toBeNull();
    expect(personalDataKind('Trần Văn Bình - Chuyên viên', 'account')).toBeNull();
    expect(personalDataKind('nguyenvana', 'account')).toBeNull();
    expect(personalDataKind('0935518663', 'account')).toBe('phone');
    expect(personalDataKind('056089001234', 'account')).toBe('citizen_id');
    expect(personalDataKind('số 12 Trần Phú, Nha Trang', 'account')).toBe('address');
  });
});

describe('screenEvent', () => {
  const profile = { id: 'p', version: 1 };
  it('drops suspect fields, keeps the rest, reports field and kind only', () => {
    const e = eventSchema.parse({
      id: '3d0f6c1e-2f55-4d6b-9a53-3b1d0f0b2c11',
      at: '2026-12-01T03:00:00.000Z',
      profile,
      kind: 'action',
      dossierCode: '000.00.06.H32-261201-0001',
      action: 'transfer',
      toAccount: '0935518663',
      backofficeUser: 'cv.tran',
      fields: { status: 'Chờ bổ sung Đã thông báo cho công dân Lê Quang Khoa qua SĐT 0935518663', step: 'Thẩm định' },
    });
    const { event, suspects } = screenEvent(e);
    expect(suspects).toEqual([
      { path: 'toAccount', field: 'toAccount', kind: 'phone' },
      { path: 'fields.status', field: 'status', kind: 'phone' },
    ]);
    expect(JSON.stringify(event)).not.toContain('0935518663');
    expect(JSON.stringify(suspects)).not.toContain('Khoa');
    expect(event).toMatchObject({ kind: 'action', backofficeUser: 'cv.tran', fields: { step: 'Thẩm định' } });
    expect(eventSchema.safeParse(event).success).toBe(true);
  });

  it('screens every row of a list', () => {
    const e = eventSchema.parse({
      id: '3d0f6c1e-2f55-4d6b-9a53-3b1d0f0b2c12',
      at: '2026-12-01T03:00:00.000Z',
      profile,
      kind: 'list_seen',
      rows: [
        { dossierCode: '000.00.06.H32-261201-0001', fields: { status: 'Đang xử lý' } },
        { dossierCode: '000.00.06.H32-261201-0002', fields: { status: 'Chờ bổ sung (bà Nguyễn Thị Hoa)' } },
      ],
    });
    const { event, suspects } = screenEvent(e);
    expect(suspects).toEqual([{ path: 'rows.1.fields.status', field: 'status', kind: 'person_name' }]);
    expect(event.kind === 'list_seen' && event.rows[1]!.fields).toEqual({});
    expect(event.kind === 'list_seen' && event.rows[0]!.fields).toEqual({ status: 'Đang xử lý' });
  });

  it('leaves a clean event as it is (same object)', () => {
    const e = eventSchema.parse({
      id: '3d0f6c1e-2f55-4d6b-9a53-3b1d0f0b2c13',
      at: '2026-12-01T03:00:00.000Z',
      profile,
      kind: 'open',
      dossierCode: '000.00.06.H32-261201-0001',
      fields: { status: 'Đang xử lý' },
    });
    expect(screenEvent(e).event).toBe(e);
  });
});
