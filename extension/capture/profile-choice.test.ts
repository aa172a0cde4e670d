import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { siteProfileSchema, type SiteProfile } from '../../shared/schemas/profile.ts';
import type { ContentMessage, PageObservation } from '../messaging/protocol.ts';
import { chooseProfile, GENERIC, profilesForOrigin } from '../profiles/registry.ts';
import { startPageWatcher } from './page-watcher.ts';

/** An Angular-style app: it lands on a dashboard no rule covers, then routes to a list. */
const profile = (over: Partial<SiteProfile> = {}) =>
  siteProfileSchema.parse({
    id: 'spa-owner',
    version: 4,
    name: 'SPA',
    matches: ['http://bo.test/*'],
    pages: [
      {
        kind: 'list',
        path: '^/app/list',
        rows: { selectors: ['div.row'] },
        code: { selectors: ['.code'] },
        fields: { status: { selectors: ['.status'] } },
      },
    ],
    ...over,
  });
const CODE = '000.00.12.H32-251120-0001';
const HTML = `<html><body><div id="dash">Tổng quan · ${CODE}</div><div class="row"><span class="code">${CODE}</span><span class="status">Đang xử lý</span></div></body></html>`;

function watch(profiles: SiteProfile[]) {
  const win = parseHTML(HTML) as unknown as Window & typeof globalThis;
  const location = { href: 'http://bo.test/app/dashboard' };
  class Observer {
    observe() {}
    disconnect() {}
  }
  const fake = {
    document: win.document,
    location,
    MutationObserver: Observer,
    addEventListener() {},
    removeEventListener() {},
  } as unknown as Window;
  const sent: ContentMessage[] = [];
  const watcher = startPageWatcher({ win: fake, profiles, generic: GENERIC, send: (m) => sent.push(m), clock: () => 0 });
  const observed = (kind: PageObservation['kind']) =>
    sent.flatMap((m) => (m.type === 'observe' && m.observation.kind === kind ? [{ ...m.observation, profile: m.profile }] : []));
  return { location, watcher, observed };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-11-28T02:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('profiles chosen on every route of a single-page app', () => {
  test('the extension hands the page every profile of its origin, not only those with a rule for the landing route', () => {
    const p = profile();
    expect(profilesForOrigin([p], 'http://bo.test/app/dashboard')).toEqual([p]);
    expect(profilesForOrigin([p], 'http://other.test/app/list')).toEqual([]);
  });

  test('an owning profile: the landing page is reported unread (no generic reader), the list is read after the route change', () => {
    const w = watch([profile({ ownsOrigin: true })]);
    expect(w.watcher.state.unread).toBe(true);
    expect(w.watcher.state.profile?.id).toBe('spa-owner');
    // The generic reader would have opened the code on the dashboard: an owner's page is not read.
    expect(w.observed('open')).toEqual([]);
    expect(w.observed('profile_miss')).toEqual([
      expect.objectContaining({ pageKind: 'none', anchor: 'no_page_rule http://bo.test', profile: { id: 'spa-owner', version: 4 } }),
    ]);

    w.location.href = 'http://bo.test/app/list';
    vi.advanceTimersByTime(1000);
    expect(w.watcher.state.unread).toBe(false);
    const lists = w.observed('list_seen');
    expect(lists).toHaveLength(1);
    expect(lists[0]).toMatchObject({
      profile: { id: 'spa-owner', version: 4 },
      rows: [{ dossierCode: CODE, fields: { status: 'Đang xử lý' } }],
    });
    w.watcher.stop();
  });

  test('without ownership the generic reader stands in on the landing page, and that is reported under the profile', () => {
    const w = watch([profile()]);
    expect(w.watcher.state.profile?.id).toBe(GENERIC.id);
    expect(w.watcher.state.unread).toBe(true);
    expect(w.observed('profile_miss')).toEqual([
      expect.objectContaining({ pageKind: 'none', anchor: 'generic_stood_in http://bo.test', profile: { id: 'spa-owner', version: 4 } }),
    ]);
    w.location.href = 'http://bo.test/app/list';
    vi.advanceTimersByTime(1000);
    expect(w.watcher.state.profile?.id).toBe('spa-owner');
    expect(w.observed('list_seen').at(-1)).toMatchObject({ profile: { id: 'spa-owner', version: 4 } });
    w.watcher.stop();
  });

  test('chooseProfile: a rule wins, then an owner, then the generic reader', () => {
    const owner = profile({ id: 'owner', ownsOrigin: true, pages: [{ kind: 'detail', path: '^/app/detail', fields: {} }] });
    const lister = profile({ id: 'lister' });
    expect(chooseProfile([owner, lister], GENERIC, 'http://bo.test/app/list')).toEqual({ profile: lister, unread: null, standingIn: null });
    expect(chooseProfile([owner, lister], GENERIC, 'http://bo.test/app/home')).toEqual({ profile: owner, unread: owner, standingIn: null });
    expect(chooseProfile([lister], GENERIC, 'http://bo.test/app/home')).toEqual({ profile: GENERIC, unread: null, standingIn: lister });
    expect(chooseProfile([], GENERIC, 'http://bo.test/app/home')).toEqual({ profile: GENERIC, unread: null, standingIn: null });
  });
});
