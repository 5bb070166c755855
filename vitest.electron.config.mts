import { defineConfig } from 'vitest/config';

// The Electron end-to-end suite: needs the real Electron binary (downloaded on first use by
// electron >= 42), which the Debian build machines cannot fetch, so it is not in the default
// config's include and runs only where the binary exists (.github/workflows/ci.yml, or locally
// after `npx electron --version` and `node scripts/electron-native.mjs`).
export default defineConfig({
  test: {
    include: ['tests/electron/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
