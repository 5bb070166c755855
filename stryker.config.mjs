// Mutation testing of the money and safety code (`npm run mutate`, docs/MUTATION.md): funding
// math, exact decimals, book walking, the strategy gates, the venues' book state and their wire
// parsers (funding, account payloads, reasons, schemas). The run fails below 85 % killed so a
// weakened test suite fails CI.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.mts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src-core/domain/**/*.ts',
    'src-core/strategy/**/*.ts',
    'src-core/venues/common/book-state.ts',
    'src-core/venues/lighter/book.ts',
    'src-core/venues/extended/book.ts',
    'src-core/venues/lighter/wire/**/*.ts',
    'src-core/venues/extended/wire/**/*.ts',
    'src-core/ledger/**/*.ts',
    'src-core/risk/**/*.ts',
    'src-core/execution/**/*.ts',
    // The I/O loops of the entry, the close and the rebalance (entry-run, maker-leg, hedger,
    // rollback, ioc-settle, close, close-leg, rebalance) are mutated like the rest: their unit tests
    // drive them over the scripted venue and a manual clock (tests/unit/execution). A mutated wait
    // or loop bound there runs until Stryker's timeout (counted as killed); the committed
    // incremental baseline keeps that a one-time cost.
  ],
  // Build output and local data never belong in the sandbox copy.
  ignorePatterns: ['out', 'dist', 'artifacts', 'reports', '.data', '.native'],
  coverageAnalysis: 'perTest',
  // A static mutant (module-level code: an enum's list, a zod schema, a constant table) is covered
  // by every test that imports the module, so Stryker reruns the WHOLE unit suite for each one
  // (~1 min per mutant on 2 cores): one changed enum file cost hours. Those values are held by the
  // type checker, the schema tests and the table-driven tests that read them; they are ignored
  // here, so the score is over the code that runs inside tests.
  ignoreStatic: true,
  // Incremental against a committed baseline: a mutant whose code and covering tests are unchanged
  // keeps its recorded result, so CI tests only what a change touched (`npm run mutate:full` redoes
  // every mutant and rewrites the baseline). Stryker diffs mutants and tests by content, not by line.
  incremental: true,
  incrementalFile: 'tests/mutation/stryker-incremental.json',
  concurrency: 2,
  // Busy 2-core CI machine: a mutant is a timeout only when it runs far longer than the dry run.
  timeoutMS: 10_000,
  timeoutFactor: 3,
  thresholds: { high: 90, low: 85, break: 85 },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
