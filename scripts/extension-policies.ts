/**
 * `npm run policies -- --server URL --chrome-key KEY.pem [--crx-url URL] [--xpi-url URL]
 *  [--edge-id ID] [--profiles FILE.json] --out DIR`: writes the enterprise policies that install
 * the extension on every office PC, preset its server and site profiles (managed storage), and
 * keep it off every site but the province's back-offices and its server. The guide is
 * docs/extension-rollout.md.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { siteProfileSchema, type SiteProfile } from '../shared/schemas/profile.ts';

export const FIREFOX_ID = 'dossier-pulse@khanhhoa.gov.vn';
const CHROME_STORE_UPDATE = 'https://clients2.google.com/service/update2/crx';
const EDGE_STORE_UPDATE = 'https://edge.microsoft.com/extensionwebstorebase/v1/crx';

const inputSchema = z.object({
  server: z.url({ protocol: /^https$/, error: 'server: the API address officials use, https://…' }),
  chromeId: z.string().regex(/^[a-p]{32}$/, 'chrome-id: 32 letters a–p (or give --chrome-key)'),
  edgeId: z
    .string()
    .regex(/^[a-p]{32}$/, 'edge-id: 32 letters a–p')
    .optional(),
  crxUrl: z.url({ protocol: /^https$/ }).optional(),
  xpiUrl: z.url({ protocol: /^https$/ }).optional(),
  version: z.string().regex(/^\d+(\.\d+){0,3}$/),
  profiles: z.array(siteProfileSchema),
});
export type PolicyInput = z.input<typeof inputSchema>;

/** Chrome's extension id: the SHA-256 of the packing key's public half, first 32 hex digits as a–p. */
export function chromeIdFromKey(pem: string): string {
  const der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  return [...createHash('sha256').update(der).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** `https://motcua.tinh.gov.vn/*` → `https://motcua.tinh.gov.vn` (the policies' host patterns). */
function hostPattern(match: string): string | null {
  const m = /^(https?|\*):\/\/([^/]+)\//.exec(match);
  return m ? `${m[1]}://${m[2]}` : null;
}

/** The content of each file, by its path under the output folder. */
export function buildPolicies(raw: PolicyInput): Record<string, string> {
  const input = inputSchema.parse(raw);
  const server = new URL(input.server).origin;
  const origins = [
    ...new Set([server, ...input.profiles.flatMap((p: SiteProfile) => p.matches.map(hostPattern).filter((h): h is string => !!h))]),
  ].sort();
  // What storage.managed holds: the keys of extension/public/managed-schema.json.
  const managed = { serverUrl: server, profiles: JSON.stringify(input.profiles) };
  const chromium = (updateUrl: string) => ({
    installation_mode: 'force_installed',
    update_url: updateUrl,
    toolbar_pin: 'force_pinned',
    // The browser itself keeps the extension off every other site.
    runtime_blocked_hosts: ['*://*'],
    runtime_allowed_hosts: origins,
  });
  const chromeSettings = { [input.chromeId]: chromium(input.crxUrl ? new URL('updates.xml', input.crxUrl).href : CHROME_STORE_UPDATE) };
  const edgeId = input.edgeId ?? input.chromeId;
  const edgeSettings = {
    [edgeId]: chromium(input.crxUrl && !input.edgeId ? new URL('updates.xml', input.crxUrl).href : EDGE_STORE_UPDATE),
  };
  const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';
  const files: Record<string, string> = {
    'chrome/ExtensionSettings.json': json(chromeSettings),
    'chrome/managed-storage.json': json(managed),
    'edge/ExtensionSettings.json': json(edgeSettings),
    'edge/managed-storage.json': json(managed),
    'windows/dossier-pulse-chrome.reg': regFile('SOFTWARE\\Policies\\Google\\Chrome', chromeSettings, input.chromeId, managed),
    'windows/dossier-pulse-edge.reg': regFile('SOFTWARE\\Policies\\Microsoft\\Edge', edgeSettings, edgeId, managed),
    // Debian/Ubuntu desktops: /etc/chromium/policies/managed/ (Chromium), /etc/opt/chrome/policies/managed/ (Chrome).
    'linux/dossier-pulse.json': json({ ExtensionSettings: chromeSettings, '3rdparty': { extensions: { [input.chromeId]: managed } } }),
    'firefox/policies.json': json({
      policies: {
        ExtensionSettings: {
          [FIREFOX_ID]: { installation_mode: 'force_installed', ...(input.xpiUrl ? { install_url: input.xpiUrl } : {}) },
        },
        '3rdparty': { Extensions: { [FIREFOX_ID]: managed } },
      },
    }),
    // Firefox on Linux also reads managed storage from ~/.mozilla/managed-storage/ or /usr/lib/mozilla/managed-storage/.
    [`firefox/managed-storage/${FIREFOX_ID}.json`]: json({
      name: FIREFOX_ID,
      description: 'Dossier Pulse',
      type: 'storage',
      data: managed,
    }),
  };
  if (input.crxUrl) {
    files['chrome/updates.xml'] =
      `<?xml version='1.0' encoding='UTF-8'?>\n<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>\n` +
      `  <app appid='${input.chromeId}'>\n    <updatecheck codebase='${xmlEscape(input.crxUrl)}' version='${input.version}' />\n  </app>\n</gupdate>\n`;
  }
  return files;
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/'/g, '&apos;').replace(/</g, '&lt;');
const regString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** A .reg file (UTF-16 with BOM, as regedit writes them) for `reg import` or Group Policy Preferences. */
function regFile(base: string, settings: unknown, id: string, managed: Record<string, string>): string {
  const lines = [
    'Windows Registry Editor Version 5.00',
    '',
    `[HKEY_LOCAL_MACHINE\\${base}]`,
    `"ExtensionSettings"=${regString(JSON.stringify(settings))}`,
    '',
    `[HKEY_LOCAL_MACHINE\\${base}\\3rdparty\\extensions\\${id}\\policy]`,
    ...Object.entries(managed).map(([k, v]) => `${regString(k)}=${regString(v)}`),
    '',
  ];
  return '\ufeff' + lines.join('\r\n');
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      server: { type: 'string' },
      'chrome-key': { type: 'string' },
      'chrome-id': { type: 'string' },
      'edge-id': { type: 'string' },
      'crx-url': { type: 'string' },
      'xpi-url': { type: 'string' },
      profiles: { type: 'string' },
      out: { type: 'string' },
    },
  });
  try {
    if (!values.out) throw new Error('--out: the folder to write the policies to');
    const version = (JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8')) as { version: string }).version;
    const chromeId = values['chrome-id'] ?? (values['chrome-key'] ? chromeIdFromKey(readFileSync(values['chrome-key'], 'utf8')) : '');
    const profiles = values.profiles ? (JSON.parse(readFileSync(values.profiles, 'utf8')) as unknown[]) : [];
    const files = buildPolicies({
      server: values.server ?? '',
      chromeId,
      edgeId: values['edge-id'],
      crxUrl: values['crx-url'],
      xpiUrl: values['xpi-url'],
      version,
      profiles: profiles as never,
    });
    for (const [path, content] of Object.entries(files)) {
      const file = join(values.out, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, path.endsWith('.reg') ? Buffer.from(content, 'utf16le') : content);
      console.log(`  ${file}`);
    }
    console.log(`✓ ${Object.keys(files).length} tệp chính sách / policy files (Chrome id ${chromeId}, Firefox id ${FIREFOX_ID})`);
  } catch (e) {
    console.error(
      e instanceof z.ZodError ? e.issues.map((i) => `✗ ${i.path.join('.')}: ${i.message}`).join('\n') : `✗ ${(e as Error).message}`,
    );
    process.exitCode = 1;
  }
}
