import { defineConfig } from 'vitest/config';

// Each test file builds its own database (a fresh PGlite, or its own schema on PostgreSQL),
// so files run in parallel safely. Two workers suit the 2-core CI machine.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // `npm run coverage`: what the suite exercises of the service's own code.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts', 'adapters/**/*.ts'],
      reporter: ['text-summary', 'html'],
      reportsDirectory: 'coverage',
    },
  },
});
