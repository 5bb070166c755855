// Compiles core-child.ts (and the core under it) to one CommonJS file, the way the app ships the
// core: electron-vite bundles main/ with src-core into out/main/index.js, the package's
// dependencies left external (electron.vite.config.ts externalizeDepsPlugin). The bench then
// measures the core as compiled JS rather than under tsx, whose loader, per-file transform and
// inline source maps cost the process about 60 MB of its own (measured 2026-12-04: an idle process
// that imported the core sat at 145 MB RSS under tsx, 87 MB compiled). esbuild is the transform
// tsx itself runs on these files, so the code is the same; only the loader is gone.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(__dirname, '../../..');

/** Writes the bundle under out/ (git-ignored; inside the repository so the external packages
 *  resolve from its node_modules) and returns its path. */
export async function compileCoreChild(): Promise<string> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const outfile = join(ROOT, 'out/bench/core-child.cjs');
  await build({
    entryPoints: [join(__dirname, 'core-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: Object.keys(pkg.dependencies),
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}
