// prestart: makes sure better-sqlite3 has a binary for Electron's ABI beside the Node one, so
// `npm test` (Node ABI) and `npm start` (Electron ABI) both work in either order without a
// manual rebuild. The Electron build lives in .native/electron-<version>/ and main/ passes it to
// better-sqlite3 through its `nativeBinding` option; node_modules is never touched (the work is
// done in a copy of the package). Order: the published prebuild for that Electron
// (prebuild-install --runtime electron --target <version>), compiling from source only when none
// can be fetched; either way the result's ABI is read from the file and compared with the target
// Electron's process.versions.modules before it is stamped, so a Node-ABI build (what a rebuild
// against Node's headers silently produces, see shared toolchain notes) is refused. Skipped when
// the stamp and the file's ABI say it is up to date. See build/NATIVE.md.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronAbi, moduleAbi, moduleArchs } from './native-abi.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const BINARY = 'better_sqlite3.node';

export function stampFor(electronVersion, sqliteVersion) {
  return `electron=${electronVersion};better-sqlite3=${sqliteVersion}`;
}

/** Where the Electron build for one arch lives: main/native-binding.ts and the `files` rule in
 *  build/electron-builder.yml (`${arch}`) use the same name. */
export function nativeDirName(electronVersion, arch) {
  return `electron-${electronVersion}-${arch}`;
}

/** True when the Electron build exists, was made for these exact versions and (given the target
 *  ABI and arch) still names that ABI and holds code for that arch. */
export function upToDate(dir, stamp, targetAbi, arch) {
  const file = join(dir, BINARY);
  const stampFile = join(dir, 'STAMP');
  if (!existsSync(file) || !existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) return false;
  if (arch !== undefined && !moduleArchs(file).includes(arch)) return false;
  return targetAbi === undefined || moduleAbi(file).abi === targetAbi;
}

/** process.versions.modules of the target Electron: asked of its binary when one is installed
 *  (ELECTRON_RUN_AS_NODE works on the unpackaged dev binary, whose RunAsNode fuse is on), else
 *  node-abi's table for that version. */
export function targetAbi(electronVersion, electronBinary) {
  if (electronBinary !== null && existsSync(electronBinary)) {
    const out = execFileSync(electronBinary, ['-p', 'process.versions.modules'], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8' });
    return Number(out.trim());
  }
  return electronAbi(electronVersion);
}

/** The Electron binary the electron package installed, or null (Electron ≥42 downloads it
 *  lazily; `require('electron')` would start that download, so its path is read, not required). */
function installedElectronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const rel = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    return join(dir, 'dist', rel);
  } catch {
    return null;
  }
}

function tail(e) {
  const text = `${e?.stdout ?? ''}${e?.stderr ?? ''}`.trim() || String(e?.message ?? e);
  return text.split('\n').slice(-3).join(' | ');
}

/** Published prebuild into work/build/Release (prebuild-install reads work/package.json). */
function fetchPrebuilt(work, electronVersion, arch) {
  const bin = require.resolve('prebuild-install/bin.js');
  execFileSync(process.execPath, [bin, '--runtime', 'electron', '--target', electronVersion, '--arch', arch, '--platform', process.platform, '--verbose'], { cwd: work, stdio: 'pipe' });
}

/** Source build against Electron's headers (downloaded by node-gyp; nodedir cleared, or node-gyp
 *  would use the local Node headers and build for Node's ABI). */
function compile(work, electronVersion, arch) {
  const gyp = require.resolve('node-gyp/bin/node-gyp.js');
  execFileSync(process.execPath, [gyp, 'rebuild', `--target=${electronVersion}`, `--arch=${arch}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers', '--release', '--nodedir='], { cwd: work, stdio: 'pipe', env: { ...process.env, npm_config_nodedir: '' } });
}

/**
 * Produces outDir/better_sqlite3.node + STAMP for the target Electron. Returns
 * { ok, how: 'fetched' | 'compiled' | null, line } where `line` is the one line to print.
 * `fetch` and `build` are the two strategies (injectable for tests); each fills
 * work/build/Release/better_sqlite3.node or throws.
 */
export function buildForElectron({ electronVersion, sqliteDir, outDir, workDir, abi, arch = process.arch, fetch = fetchPrebuilt, build = compile }) {
  const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
  const what = `better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} ${arch} (ABI ${abi})`;
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  // A copy of the package without its build/: the Node-ABI build in node_modules stays as it is.
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) {
    if (existsSync(join(sqliteDir, entry))) cpSync(join(sqliteDir, entry), join(workDir, entry), { recursive: true });
  }
  let how;
  let fetchError;
  try {
    fetch(workDir, electronVersion, arch);
    how = 'fetched the published prebuild';
  } catch (e) {
    fetchError = tail(e);
    try {
      build(workDir, electronVersion, arch);
      how = `compiled from source (no prebuild: ${fetchError})`;
    } catch (e2) {
      return { ok: false, how: null, line: `native: FAILED ${what}: no prebuild (${fetchError}) and the source build failed (${tail(e2)}); \`npm run serve\` runs the same core without Electron` };
    }
  }
  const built = join(workDir, 'build', 'Release', BINARY);
  const got = existsSync(built) ? moduleAbi(built) : null;
  if (got === null || got.abi !== abi) {
    const found = got === null ? 'no binary' : got.abi === null ? 'a binary naming no single ABI' : `ABI ${got.abi}${got.abi === Number(process.versions.modules) ? ' (Node ' + process.version + ')' : ''}`;
    return { ok: false, how: null, line: `native: REFUSED ${what}: ${how} but got ${found}; not stamped` };
  }
  const archs = moduleArchs(built);
  if (!archs.includes(arch)) {
    return { ok: false, how: null, line: `native: REFUSED ${what}: ${how} but it holds code for [${archs.join(', ')}]; not stamped` };
  }
  mkdirSync(outDir, { recursive: true });
  copyFileSync(built, join(outDir, BINARY));
  writeFileSync(join(outDir, 'STAMP'), stampFor(electronVersion, sqliteVersion));
  rmSync(workDir, { recursive: true, force: true });
  return { ok: true, how: how.startsWith('fetched') ? 'fetched' : 'compiled', line: `native: ${what}: ${how}` };
}

/** `--arch <a>` (repeatable; default this machine's): macOS installers are built for x64 and
 *  arm64 on one runner, and each app must carry its own arch's build. */
export function archesFrom(argv, hostArch = process.arch) {
  const arches = [];
  for (let i = 0; i < argv.length; i++) if (argv[i] === '--arch' && argv[i + 1] !== undefined) arches.push(argv[++i]);
  return arches.length === 0 ? [hostArch] : [...new Set(arches)];
}

function main() {
  const electronVersion = require('electron/package.json').version;
  const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
  const sqliteVersion = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
  const abi = targetAbi(electronVersion, installedElectronBinary());
  for (const arch of archesFrom(process.argv.slice(2))) {
    const outDir = join(root, '.native', nativeDirName(electronVersion, arch));
    if (upToDate(outDir, stampFor(electronVersion, sqliteVersion), abi, arch)) {
      console.log(`native: better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} ${arch} (ABI ${abi}) is up to date`);
      continue;
    }
    const r = buildForElectron({ electronVersion, sqliteDir, outDir, workDir: join(root, '.native', 'build'), abi, arch });
    (r.ok ? console.log : console.error)(r.line);
    if (!r.ok) process.exitCode = 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
