import { defineConfig } from 'vitest/config';

// The genuine agent clients driven end to end (test/agents): minutes, not seconds, so they run as
// `npm run test:agents`, apart from `npm test`.
export default defineConfig({
  test: {
    include: ['test/agents/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});
