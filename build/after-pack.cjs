// electron-builder afterPack hook: flips the fuses of build/fuses.cjs in the packaged Electron
// binary. afterPack runs before code signing (electron-builder 26, platformPackager.js), which is
// required: flipping changes the bytes a signature covers. arm64 macOS binaries carry an ad-hoc
// signature that must be reset after the flip, or the OS kills the unsigned-looking app.
'use strict';
const { fuseConfig } = require('./fuses.cjs');

module.exports = async function afterPack(context) {
  const config = fuseConfig();
  // electron-builder's Arch enum: 3 = arm64 (builder-util 26).
  if (context.electronPlatformName === 'darwin' && context.arch === 3) config.resetAdHocDarwinSignature = true;
  // packager.addElectronFuses finds the executable for the platform (name + .exe/.app).
  await context.packager.addElectronFuses(context, config);
};
