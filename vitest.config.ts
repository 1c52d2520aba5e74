import { defineConfig } from 'vitest/config';

// Each test file builds its own database (a fresh PGlite, or its own schema on PostgreSQL),
// so files run in parallel safely. Two workers suit the 2-core CI machine.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    // Generous: timeouts catch hangs, not slowness. A loaded 2-core machine (CI beside other jobs, or several
    // suites at once) runs a fresh PGlite migration or a spawned service several times slower than an idle one.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // `npm run coverage`: what the suite exercises of the service's own code.
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts', 'adapters/**/*.ts'],
      reporter: ['text-summary', 'html'],
      reportsDirectory: 'coverage',
    },
  },
});
