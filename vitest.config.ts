import { configDefaults, defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    projects: [
      {
        // WXT's plugin gives background code its fake `browser` and auto-imports.
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: [
            'shared/**/*.test.ts',
            'extension/**/*.test.ts',
            'api/**/*.test.ts',
            'tests/unit/**/*.test.ts',
            'tests/backoffice/**/*.test.ts',
          ],
          exclude: [...configDefaults.exclude, 'tests/backoffice/**/*.browser.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'storage',
          include: ['tests/storage/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts', 'tests/backoffice/**/*.browser.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // The README's "Deploying for a province" run on this machine: production settings behind
        // Caddy with TLS, two API processes and a derivation worker on PostgreSQL (issue 20).
        test: {
          name: 'deploy',
          include: ['tests/deploy/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        // SIGKILL loops and fuzzing against the real API (issue 8); also `npm run test:faults`.
        test: {
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        // The domain engine's acceptance: 10,000 generated dossiers against their ground truth.
        test: {
          name: 'workload',
          include: ['tests/workload/**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
