import { defineConfig } from 'vitest/config';

// One vitest run holds every tier: pure unit tests beside the code (src/**), integration tests
// through app.inject() on PGlite and real PostgreSQL (src/server/**, test/integration), and browser
// tests in Debian Chromium (test/e2e). The machine has two cores, so two workers.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['test/global-setup.ts'],
  },
});
