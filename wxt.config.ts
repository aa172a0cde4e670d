import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The demo back-office and a local API are known at build time; real back-office origins are
// granted at run time from the options page (optional host permissions), never `<all_urls>`.
export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  outDir: '.output',
  manifestVersion: 3,
  vite: () => ({ plugins: [preact()] }),
  // The sources package Firefox's add-on review asks for: what builds the extension, not the
  // test suites or screenshots.
  zip: { excludeSources: ['docs/**', 'tests/**', 'data/**'] },
  manifest: ({ browser }) => ({
    name: 'Dossier Pulse',
    description: 'Ghi nhận thời gian xử lý hồ sơ thủ tục hành chính / Times dossier handling on back-office pages',
    default_locale: 'vi',
    // Chrome's side panel is Firefox's sidebar (`sidebar_action`, written by WXT from the same
    // entrypoint), which needs no permission.
    permissions: ['storage', 'alarms', 'idle', 'scripting', 'tabs', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    storage: { managed_schema: 'managed-schema.json' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'dossier-pulse@khanhhoa.gov.vn',
              // Declared honestly: the official's own handling activity on back-office sites.
              data_collection_permissions: { required: ['websiteActivity'] },
            },
          },
        }
      : {}),
  }),
});
