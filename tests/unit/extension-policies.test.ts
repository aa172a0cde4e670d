import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildPolicies, chromeIdFromKey, FIREFOX_ID, type PolicyInput } from '../../scripts/extension-policies.ts';
import { siteProfileSchema } from '../../shared/schemas/profile.ts';
import SPA_PROFILE from '../../extension/profiles/bundled/backoffice-spa.ts';

const managedSchema = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../extension/public/managed-schema.json'), 'utf8')) as {
  properties: Record<string, unknown>;
};
const provinceProfile = { ...SPA_PROFILE, id: 'motcua-khanhhoa', matches: ['https://motcua.khanhhoa.gov.vn/*'] };
const INPUT: PolicyInput = {
  server: 'https://pulse.khanhhoa.gov.vn/',
  chromeId: 'abcdefghijklmnopabcdefghijklmnop',
  crxUrl: 'https://pulse.khanhhoa.gov.vn/extension/dossier-pulse.crx',
  xpiUrl: 'https://pulse.khanhhoa.gov.vn/extension/dossier-pulse.xpi',
  version: '0.1.0',
  profiles: [provinceProfile],
};

describe('enterprise policies for a province', () => {
  const files = buildPolicies(INPUT);
  const json = (path: string) => JSON.parse(files[path]!);

  test('managed storage holds exactly the keys the extension declares, the same for every browser', () => {
    const managed = json('chrome/managed-storage.json');
    expect(Object.keys(managed).sort()).toEqual(Object.keys(managedSchema.properties).sort());
    expect(managed.serverUrl).toBe('https://pulse.khanhhoa.gov.vn');
    expect(JSON.parse(managed.profiles).map((p: unknown) => siteProfileSchema.parse(p).id)).toEqual(['motcua-khanhhoa']);
    expect(json('edge/managed-storage.json')).toEqual(managed);
    expect(json('firefox/policies.json').policies['3rdparty'].Extensions[FIREFOX_ID]).toEqual(managed);
    expect(json(`firefox/managed-storage/${FIREFOX_ID}.json`)).toEqual({
      name: FIREFOX_ID,
      description: 'Dossier Pulse',
      type: 'storage',
      data: managed,
    });
    expect(json('linux/dossier-pulse.json')['3rdparty'].extensions[INPUT.chromeId]).toEqual(managed);
  });

  test('Chrome and Edge force-install the extension and keep it off every site but the back-offices and the server', () => {
    const chrome = json('chrome/ExtensionSettings.json')[INPUT.chromeId];
    expect(chrome).toMatchObject({
      installation_mode: 'force_installed',
      update_url: 'https://pulse.khanhhoa.gov.vn/extension/updates.xml',
      toolbar_pin: 'force_pinned',
    });
    expect(chrome.runtime_blocked_hosts).toEqual(['*://*']);
    expect(chrome.runtime_allowed_hosts).toEqual(['https://motcua.khanhhoa.gov.vn', 'https://pulse.khanhhoa.gov.vn']);
    expect(json('edge/ExtensionSettings.json')[INPUT.chromeId].update_url).toBe(chrome.update_url);
    expect(files['chrome/updates.xml']).toContain(`<app appid='${INPUT.chromeId}'>`);
    expect(files['chrome/updates.xml']).toContain("codebase='https://pulse.khanhhoa.gov.vn/extension/dossier-pulse.crx' version='0.1.0'");
    expect(json('firefox/policies.json').policies.ExtensionSettings[FIREFOX_ID]).toEqual({
      installation_mode: 'force_installed',
      install_url: INPUT.xpiUrl,
    });
  });

  test('the .reg files carry the same policies for regedit and Group Policy Preferences', () => {
    const reg = files['windows/dossier-pulse-chrome.reg']!;
    expect(reg.startsWith('\ufeffWindows Registry Editor Version 5.00\r\n')).toBe(true);
    expect(reg).toContain(`[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${INPUT.chromeId}\\policy]`);
    const settings = /^"ExtensionSettings"="(.*)"$/m.exec(reg)![1]!.replace(/\\(["\\])/g, '$1');
    expect(JSON.parse(settings)).toEqual(json('chrome/ExtensionSettings.json'));
    const profiles = /^"profiles"="(.*)"\r?$/m.exec(reg)![1]!.replace(/\\(["\\])/g, '$1');
    expect(profiles).toBe(json('chrome/managed-storage.json').profiles);
    expect(files['windows/dossier-pulse-edge.reg']).toContain('[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge]');
  });

  test('bad input is refused with the setting named: plain HTTP, a malformed id, a broken profile', () => {
    expect(() => buildPolicies({ ...INPUT, server: 'http://pulse.khanhhoa.gov.vn' })).toThrow(/server/);
    expect(() => buildPolicies({ ...INPUT, chromeId: 'not-an-id' })).toThrow(/chrome-id/);
    expect(() => buildPolicies({ ...INPUT, profiles: [{ ...provinceProfile, matches: [] }] as never })).toThrow(/matches/);
  });

  test('the Chrome id follows from the packing key, 32 letters a–p', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(chromeIdFromKey(pem)).toMatch(/^[a-p]{32}$/);
    expect(chromeIdFromKey(pem)).toBe(chromeIdFromKey(pem));
  });
});
