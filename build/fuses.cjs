// The Electron fuses the packaged app ships with: the one list that build/after-pack.cjs flips and
// tests/unit/build/fuses.test.ts reads. Fuses are bits compiled into the Electron binary and
// flipped at package time (before code signing, since flipping changes the signed bytes); the
// indices are @electron/fuses' FuseV1Options (1.8.0): 0 RunAsNode, 1 EnableCookieEncryption,
// 2 EnableNodeOptionsEnvironmentVariable, 3 EnableNodeCliInspectArguments,
// 4 EnableEmbeddedAsarIntegrityValidation, 5 OnlyLoadAppFromAsar,
// 6 LoadBrowserProcessSpecificV8Snapshot, 7 GrantFileProtocolExtraPrivileges.
'use strict';

/** name → [FuseV1Options index, wanted state, why]. Every fuse of the V1 wire is listed so
 *  `strictlyRequireAllFuses` can refuse a newer Electron whose wire has a fuse we never decided. */
const FUSES = {
  // The app binary must not double as a general Node interpreter (ELECTRON_RUN_AS_NODE=1).
  RunAsNode: [0, false, 'ELECTRON_RUN_AS_NODE would turn the signed app into a Node interpreter'],
  // Cookies and other on-disk web storage encrypted with the OS keychain key.
  EnableCookieEncryption: [1, true, 'on-disk cookies encrypted with an OS-protected key'],
  // NODE_OPTIONS could preload arbitrary code into the main process (--require).
  EnableNodeOptionsEnvironmentVariable: [2, false, 'NODE_OPTIONS=--require would inject code into main'],
  // --inspect / --inspect-brk would open a debugger on the process that holds the venue keys.
  EnableNodeCliInspectArguments: [3, false, '--inspect would expose the key-holding main process'],
  // The app.asar header hash is checked against the one recorded at package time (macOS:
  // Info.plist ElectronAsarIntegrity; Windows: an executable resource, both written by
  // electron-builder 26). Linux has no validation yet; the fuse is harmless there.
  EnableEmbeddedAsarIntegrityValidation: [4, true, 'a modified app.asar is refused at start'],
  // Never fall back to a loose resources/app folder that an attacker could drop beside the asar.
  OnlyLoadAppFromAsar: [5, true, 'no resources/app folder can replace the packaged code'],
  // We ship no custom V8 snapshot.
  LoadBrowserProcessSpecificV8Snapshot: [6, false, 'no browser-specific V8 snapshot is shipped'],
  // The renderer is served from app://fundingbot/ (main/app-protocol.ts), so file:// pages need
  // no privileges beyond a browser's (no fetch of other file:// URLs, no service workers).
  GrantFileProtocolExtraPrivileges: [7, false, 'the renderer loads from app://, not file://'],
};

/** The @electron/fuses FuseV1Config for flipFuses: version "1" and every index set. */
function fuseConfig() {
  const config = { version: '1', strictlyRequireAllFuses: true };
  for (const [index, wanted] of Object.values(FUSES)) config[index] = wanted;
  return config;
}

module.exports = { FUSES, fuseConfig };
