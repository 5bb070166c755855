import { defineConfig } from 'vitest/config';

// One config for unit, integration and e2e suites. Integration and e2e tests open real loopback
// sockets and a real Chromium, so they get longer timeouts; files run in parallel across 2 cores.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    exclude: ['tests/lint-fixtures/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
