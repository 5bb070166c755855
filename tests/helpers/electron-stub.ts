// A stand-in Electron distribution for packaging tests: the Electron binary cannot be downloaded
// on the build machines (shared/toolchain.md), and electron-builder's `electronDist` accepts any
// folder laid out like the real Linux zip. The "binary" is a shell script that carries the fuse
// wire exactly as Electron embeds it, so @electron/fuses flips and reads it as in a real one:
// the sentinel, the wire version (1), the wire length, then one byte per fuse ('0' off, '1' on).
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's shipped defaults by FuseV1Options index (RunAsNode on, cookie encryption off,
 *  NODE_OPTIONS on, --inspect on, asar integrity off, only-asar off, V8 snapshot off, file://
 *  privileges on): the opposite of what we ship wherever it matters. */
export const ELECTRON_DEFAULT_WIRE = '10110001';

export function writeElectronStub(dir: string, version: string, wire = ELECTRON_DEFAULT_WIRE): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron: not runnable"\nexit 1\n'),
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([1, wire.length]),
    Buffer.from(wire, 'latin1'),
    Buffer.from('\n'),
  ]);
  writeFileSync(join(dir, 'electron'), binary);
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'version'), version);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<html></html>');
  return join(dir, 'electron');
}
