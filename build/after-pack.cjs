// electron-builder afterPack hook: refuses a package whose better-sqlite3 cannot load in the
// packaged Electron, then flips the fuses of build/fuses.cjs in the packaged binary. afterPack
// runs before code signing (electron-builder 26, platformPackager.js), which is required:
// flipping changes the bytes a signature covers. arm64 macOS binaries carry an ad-hoc signature
// that must be reset after the flip, or the OS kills the app.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { fuseConfig } = require('./fuses.cjs');

// electron-builder's Arch enum (builder-util 26) in Node's process.arch names, which the .native
// folder names use (scripts/electron-native.mjs nativeDirName).
const ARCH_NAMES = { 0: 'ia32', 1: 'x64', 2: 'arm', 3: 'arm64' };

/** The Electron-ABI better-sqlite3 that main/native-binding.ts loads, as unpacked in the package. */
function packagedSqlitePath(resourcesDir, electronVersion, arch) {
  return join(resourcesDir, 'app.asar.unpacked', '.native', `electron-${electronVersion}-${arch}`, 'better_sqlite3.node');
}

async function checkNative(context) {
  const electronVersion = context.packager.info.framework.version;
  const arch = ARCH_NAMES[context.arch];
  if (arch === undefined) throw new Error(`afterPack: no better-sqlite3 build for electron-builder arch ${context.arch}`);
  const file = packagedSqlitePath(context.packager.getResourcesDir(context.appOutDir), electronVersion, arch);
  if (!existsSync(file)) {
    throw new Error(`afterPack: ${file} is missing; run \`node scripts/electron-native.mjs --arch ${arch}\` first (build/NATIVE.md)`);
  }
  const { abiMismatch } = await import(pathToFileURL(join(__dirname, '../scripts/native-abi.mjs')).href);
  const why = abiMismatch(file, electronVersion, arch);
  if (why !== null) throw new Error(`afterPack: refusing to package a better-sqlite3 that cannot load: ${why}`);
}

async function afterPack(context) {
  await checkNative(context);
  const config = fuseConfig();
  // electron-builder's Arch enum: 3 = arm64 (builder-util 26).
  if (context.electronPlatformName === 'darwin' && context.arch === 3) config.resetAdHocDarwinSignature = true;
  // packager.addElectronFuses finds the executable for the platform (name + .exe/.app).
  await context.packager.addElectronFuses(context, config);
}

module.exports = afterPack;
module.exports.packagedSqlitePath = packagedSqlitePath;
