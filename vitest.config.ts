import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The genuine agent clients run apart: `npm run test:agents` (vitest.agents.config.ts).
    exclude: ['test/agents/**', '**/node_modules/**'],
    globalSetup: ['test/global-setup.ts', 'src/sync/postgres/testing/pg-global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
