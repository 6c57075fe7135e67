import { defineConfig } from 'vitest/config';

// Browser tests: one server for the run (global setup), files one after another (2 cores, software GL).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
