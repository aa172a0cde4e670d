import { describe, expect, it } from 'vitest';
import { createPrivacyScreen } from './privacy-screen.ts';
import { eventSchema, type CaptureEvent } from '../../shared/schemas/events.ts';

const profile = { id: 'tthc-khanhhoa', version: 3 };
const open = (status: string): CaptureEvent => ({
  id: crypto.randomUUID(),
  at: '2026-12-01T03:00:00.000Z',
  profile,
  kind: 'open',
  dossierCode: '000.00.12.H32-261201-0001',
  fields: { status, step: 'Thẩm định' },
});

describe('privacy screen before the outbox', () => {
  it('drops the suspect field, keeps the event, reports the field without its value', () => {
    let t = 1_000_000;
    const screen = createPrivacyScreen(() => t);
    const { events, suspectFields } = screen.screen(open('Chờ bổ sung Đã thông báo cho công dân Lê Quang Khoa qua SĐT 0935518663'));
    expect(suspectFields).toEqual(['status']);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ kind: 'open', fields: { step: 'Thẩm định' } });
    expect(events[1]).toMatchObject({ kind: 'profile_miss', pageKind: 'detail', anchor: 'pii_suspected:status', profile });
    for (const e of events) expect(eventSchema.safeParse(e).success).toBe(true);
    expect(JSON.stringify(events)).not.toMatch(/0935518663|Khoa/);

    // Reported once per ten minutes per profile version and field; the value is dropped every time.
    t += 60_000;
    const again = screen.screen(open('Gọi 0905 111 222'));
    expect(again.events).toHaveLength(1);
    expect(JSON.stringify(again.events)).not.toContain('0905');
    t += 10 * 60_000;
    expect(screen.screen(open('Gọi 0905 111 222')).events).toHaveLength(2);
  });

  it('passes a clean event through untouched and with no report', () => {
    const screen = createPrivacyScreen(() => 0);
    const e = open('Đang xử lý');
    expect(screen.screen(e)).toEqual({ events: [e], suspectFields: [] });
  });

  it("keeps an official's account, drops a phone number read as one", () => {
    const screen = createPrivacyScreen(() => 0);
    expect(screen.account('cv.tran@khanhhoa.gov.vn')).toBe('cv.tran@khanhhoa.gov.vn');
    expect(screen.account('0935518663')).toBeNull();
    expect(screen.account(null)).toBeNull();
  });
});
