import { defineConfig } from 'vitest/config';

// Vitest config for mutation runs only (`npm run mutate`): the fast unit tests, no sockets, no
// browser. Stryker's vitest runner overrides pool and workers itself (one thread per Stryker
// worker); each mutant then reruns only the unit tests that covered it.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    exclude: ['tests/lint-fixtures/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
