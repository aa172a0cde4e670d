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
  manifest: ({ browser }) => ({
    name: 'Dossier Pulse',
    description: 'Ghi nhận thời gian xử lý hồ sơ thủ tục hành chính / Times dossier handling on back-office pages',
    default_locale: 'vi',
    permissions: ['storage', 'alarms', 'idle', 'scripting', 'sidePanel', 'tabs'],
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
