import { defineConfig } from 'vitest/config';

// One config for unit, integration and e2e suites. Integration and e2e tests open real loopback
// sockets and a real Chromium; files run in parallel across 2 cores. The timeouts only catch a
// hung test: CI shares 2 cores with other CPU hogs, where a 5 s simulator test can take 30 s, so
// they are far above any test's normal run (waits inside tests use tests/helpers/wait.ts).
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    // tests/electron/ needs the real Electron binary: vitest.electron.config.mts runs it.
    exclude: ['tests/lint-fixtures/**', 'tests/electron/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
