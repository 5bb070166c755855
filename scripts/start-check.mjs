// prestart, before electron-native.mjs: `npm start` needs the Electron binary, which Electron
// (>= 42) downloads on first use, and electron's own engines range (>= 22.12 for Electron 45,
// node_modules/electron/package.json). Without either, one line says so and points to
// `npm run serve` (the same core and UI in a browser), instead of a download failure's stack.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** [major, minor, patch] of "v22.12.0" / "22.12.0". */
export function parseVersion(v) {
  return v.replace(/^v/, '').split('.').map((x) => Number.parseInt(x, 10) || 0);
}

/** True when `version` satisfies a ">= X.Y.Z" range (the form electron's engines uses); any
 *  other range form is not judged here (true). */
export function satisfiesMin(version, range) {
  const m = /^\s*>=\s*(\d+\.\d+\.\d+)\s*$/.exec(range ?? '');
  if (m === null) return true;
  const a = parseVersion(version);
  const b = parseVersion(m[1]);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

/** The one line to print, or null when `npm start` can go on. */
export function startProblem({ nodeVersion, electronVersion, engines, binaryPresent }) {
  if (!satisfiesMin(nodeVersion, engines)) return `npm start: Electron ${electronVersion} needs Node ${engines.trim()} (this is ${nodeVersion}); run \`npm run serve\` for the same app in a browser, or upgrade Node`;
  if (!binaryPresent) return `npm start: no Electron binary installed (Electron ${electronVersion} downloads it on first use: \`npx electron --version\` with network); run \`npm run serve\` for the same app in a browser`;
  return null;
}

function electronBinaryPresent(dir) {
  try {
    const rel = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    return existsSync(join(dir, 'dist', rel));
  } catch {
    return false;
  }
}

function main() {
  const dir = dirname(require.resolve('electron/package.json'));
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const line = startProblem({ nodeVersion: process.version, electronVersion: pkg.version, engines: pkg.engines?.node, binaryPresent: electronBinaryPresent(dir) });
  if (line !== null) {
    console.error(line);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
