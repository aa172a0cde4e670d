import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { siteProfileSchema } from '../../shared/schemas/profile.ts';
import { readPage } from './read-page.ts';
import { matchAction } from './match-action.ts';
import { startPageWatcher } from '../capture/page-watcher.ts';
import type { ContentMessage } from '../messaging/protocol.ts';
import { personalDataKind } from '../../shared/privacy/personal-data.ts';

/**
 * The profile language on an Angular-Material-style back-office (issue 16): `mat-row` divs, icon
 * fonts inside labels, a label/value grid without ids, one shared "Đồng ý" dialog in an overlay
 * for several list-row actions, the account only in a hidden menu, and dates written two ways.
 */
const DIR = join(import.meta.dirname, '../../tests/fixtures/material');
const html = (f: string) => readFileSync(join(DIR, f), 'utf8');
const ICONS = ['mat-icon', '.material-icons'];
const DIALOG_OK = { on: 'click' as const, text: ['Đồng ý'], ignore: ICONS };

export const MATERIAL_PROFILE = siteProfileSchema.parse({
  id: 'material-test',
  version: 1,
  name: 'Angular Material (kiểm thử)',
  matches: ['http://mat.test/*'],
  ownsOrigin: true,
  user: { selectors: ['.user-menu .account'] },
  dateFormat: 'dd/MM/yyyy HH:mm',
  pages: [
    {
      kind: 'list',
      path: '^/app/ho-so(?:\\?.*)?$',
      rows: { selectors: ['mat-row'] },
      code: { selectors: ['.mat-column-code a'] },
      fields: {
        status: { selectors: ['.mat-column-status'], ignore: ICONS },
        appointmentAt: { selectors: ['.mat-column-due'], dateFormat: 'yyyy-MM-dd HH:mm' },
      },
    },
    {
      kind: 'detail',
      path: '^/app/ho-so/\\d+$',
      code: { selectors: ['.info-grid'], pattern: '(\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}-\\d{6}-\\d{4})' },
      fields: {
        procedureCode: { selectors: ['.info-grid'], pattern: 'Thủ tục (\\d\\.\\d{6}\\.\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2})' },
        status: { selectors: ['.info-grid'], ignore: ICONS, pattern: 'Trạng thái (.+?) Bước xử lý' },
        step: { selectors: ['.info-grid'], pattern: 'Bước xử lý (.+?) Ngày hẹn trả' },
        appointmentAt: { selectors: ['.info-grid'], pattern: 'Ngày hẹn trả (\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2})' },
      },
    },
  ],
  actions: [
    {
      kind: 'forward',
      ...DIALOG_OK,
      dialog: { title: ['Chuyển bước xử lý'] },
      toAccount: { selectors: ['.receiver-account'], attr: 'data-account' },
    },
    { kind: 'return_result', ...DIALOG_OK, dialog: { title: ['Trả kết quả'] } },
  ],
});

/** The overlay dialog the app opens from a row's button: one shared component, its title says which action. */
const dialog = (title: string) =>
  `<div class="cdk-overlay-pane"><mat-dialog-container class="mat-dialog-container" role="dialog"><h2 mat-dialog-title class="mat-dialog-title">${title}</h2>` +
  `<mat-dialog-content>Người nhận: <span class="receiver-account" data-account="ld.pham">Phạm Thị Lan Anh - Trưởng phòng</span></mat-dialog-content>` +
  `<mat-dialog-actions><button class="cancel">Hủy</button><button class="ok"><mat-icon class="mat-icon material-icons">check</mat-icon> Đồng ý</button></mat-dialog-actions></mat-dialog-container></div>`;

describe('reading an Angular-Material-style back-office', () => {
  test('a list of mat-row divs: codes, status without icon text, a date in the list’s own format', () => {
    const doc = parseHTML(html('list.html')).document as unknown as Document;
    const r = readPage(doc, 'http://mat.test/app/ho-so?page=1', MATERIAL_PROFILE);
    expect(r.pageKind).toBe('list');
    expect(r.misses).toEqual([]);
    expect(r.user).toBe('cv.tran');
    expect(r.rows.map((x) => [x.dossierCode, x.fields.status, x.fields.appointmentAt])).toEqual([
      ['000.00.12.H32-251120-0011', 'Đang xử lý', '2025-12-01T10:00:00.000Z'],
      ['000.00.12.H32-251120-0012', 'Chờ bổ sung', '2025-12-03T02:30:00.000Z'],
    ]);
  });

  test('a label/value grid without ids, read by its labels; the applicant beside them is never read', () => {
    const doc = parseHTML(html('detail.html')).document as unknown as Document;
    const r = readPage(doc, 'http://mat.test/app/ho-so/11', MATERIAL_PROFILE);
    expect(r.dossier).toEqual({
      dossierCode: '000.00.12.H32-251120-0011',
      fields: {
        procedureCode: '1.001193.000.00.00.H32',
        status: 'Đang xử lý',
        step: 'Thẩm định',
        appointmentAt: '2025-12-01T10:00:00.000Z',
      },
    });
    for (const v of [r.dossier!.fields.status!, r.dossier!.fields.step!]) expect(personalDataKind(v)).toBeNull();
  });

  test('one shared "Đồng ý" dialog: the kind is chosen by its title; "Hủy" and other dialogs match nothing', () => {
    const doc = parseHTML(html('list.html')).document as unknown as Document;
    const overlay = doc.querySelector('.dialogs')!;
    overlay.innerHTML = dialog('Chuyển bước xử lý');
    // The click lands on the icon inside the button: matched through closest(), icon text left out.
    expect(matchAction(MATERIAL_PROFILE, 'click', overlay.querySelector('.ok mat-icon')!, doc)).toMatchObject({
      kind: 'forward',
      toAccount: 'ld.pham',
    });
    expect(matchAction(MATERIAL_PROFILE, 'click', overlay.querySelector('.cancel')!, doc)).toBeNull();
    overlay.innerHTML = dialog('Trả kết quả cho công dân');
    expect(matchAction(MATERIAL_PROFILE, 'click', overlay.querySelector('.ok')!, doc)).toMatchObject({ kind: 'return_result' });
    overlay.innerHTML = dialog('Xóa bình luận');
    expect(matchAction(MATERIAL_PROFILE, 'click', overlay.querySelector('.ok')!, doc)).toBeNull();
  });
});

describe('list-row actions confirmed in an overlay dialog', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2025-11-28T02:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  test('the action goes to the row that opened the dialog; a cancelled dialog records nothing', () => {
    const win = parseHTML(html('list.html')) as unknown as Window & typeof globalThis;
    vi.stubGlobal('Element', win.Element);
    const doc = win.document;
    class Observer {
      observe() {}
      disconnect() {}
    }
    const fake = {
      document: doc,
      location: { href: 'http://mat.test/app/ho-so' },
      MutationObserver: Observer,
      addEventListener() {},
      removeEventListener() {},
    } as unknown as Window;
    const sent: ContentMessage[] = [];
    const watcher = startPageWatcher({ win: fake, profiles: [MATERIAL_PROFILE], generic: null, send: (m) => sent.push(m), clock: () => 0 });
    const click = (el: Element) => el.dispatchEvent(new (win as unknown as { Event: typeof Event }).Event('click', { bubbles: true }));
    const actions = () => sent.flatMap((m) => (m.type === 'observe' && m.observation.kind === 'action' ? [m.observation] : []));
    const overlay = doc.querySelector('.dialogs')!;

    // Row 2: "Chuyển xử lý" opens the dialog; the official cancels.
    click(doc.querySelectorAll('mat-row')[1]!.querySelector('.row-forward mat-icon')!);
    overlay.innerHTML = dialog('Chuyển bước xử lý');
    click(overlay.querySelector('.cancel')!);
    overlay.innerHTML = '';
    expect(actions()).toEqual([]);

    // Row 1: "Trả kết quả", confirmed.
    click(doc.querySelectorAll('mat-row')[0]!.querySelector('.row-return')!);
    overlay.innerHTML = dialog('Trả kết quả');
    click(overlay.querySelector('.ok')!);
    overlay.innerHTML = '';
    // Row 2 again: forwarded, confirmed.
    click(doc.querySelectorAll('mat-row')[1]!.querySelector('.row-forward')!);
    overlay.innerHTML = dialog('Chuyển bước xử lý');
    click(overlay.querySelector('.ok mat-icon')!);
    expect(actions().map((a) => a.kind === 'action' && [a.action, a.dossierCode, a.toAccount])).toEqual([
      ['return_result', '000.00.12.H32-251120-0011', null],
      ['forward', '000.00.12.H32-251120-0012', 'ld.pham'],
    ]);
    watcher.stop();
  });
});
