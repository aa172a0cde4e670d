import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The workload acceptance suite on its own: minutes long, so it is not part of `npm test`'s
 * projects unless added there. Run: npx vitest run --config tests/workload/vitest.config.ts
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['tests/workload/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 900_000,
    fileParallelism: false,
  },
});
