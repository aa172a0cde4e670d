import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// Paths are resolved from this file so `vite build --config api/dashboard/vite.config.ts` works
// from the repository root, which is where npm scripts run.
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./app'),
  // The API serves the build under /dashboard/, and history routes live below it.
  base: '/dashboard/',
  plugins: [preact()],
  // No public dir: everything the page needs is imported and fingerprinted.
  publicDir: false,
  build: {
    outDir: here('../../.output/dashboard'),
    emptyOutDir: true,
    // Inlined data: URLs would need a looser CSP; every asset is a file of its own.
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 800,
  },
});
