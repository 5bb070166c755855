// Where the core worker's code is. The Electron build bundles host/worker/entry.ts as its own
// file beside main's bundle (electron.vite.config.ts input `core-worker`); a run from source
// (tsx, vitest, the benches) loads the TypeScript through tsx's require hook, which a worker does
// not inherit from its parent, hence the small CommonJS bootstrap evaluated first.
import { join } from 'node:path';

export interface WorkerEntry {
  /** A file path, or bootstrap code when `eval` is true. */
  readonly code: string;
  readonly eval: boolean;
}

/** The bundled entry: `out/main/core-worker.js` beside `out/main/index.js`. */
export function bundledEntry(mainDir: string): WorkerEntry {
  return { code: join(mainDir, 'core-worker.js'), eval: false };
}

/** The TypeScript entry, run through tsx (development and tests). */
export function sourceEntry(): WorkerEntry {
  const tsx = require.resolve('tsx/cjs');
  const entry = join(__dirname, 'entry.ts');
  return { code: `require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`, eval: true };
}
