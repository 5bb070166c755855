// main/native-binding.ts finds the file scripts/electron-native.mjs writes: the two name the
// per-arch folder the same way, or the desktop app would silently fall back to the Node build.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { electronNativeBinding } from '../../../main/native-binding';
// @ts-expect-error: a plain ESM script without type declarations
import { nativeDirName } from '../../../scripts/electron-native.mjs';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.splice(0).forEach((c) => c());
  delete (process.versions as Record<string, string | undefined>).electron;
});

describe('Electron native binding lookup', () => {
  it("finds the prestart step's build for this Electron and arch, and nothing else", () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    // Stands in for running inside Electron, whose process.versions carries its version.
    Object.defineProperty(process.versions, 'electron', { value: '45.4.1', configurable: true, enumerable: true });
    expect(electronNativeBinding(t.dir)).toBeNull();
    const dir = join(t.dir, '.native', nativeDirName('45.4.1', process.arch));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'better_sqlite3.node'), 'x');
    expect(electronNativeBinding(t.dir)).toBe(join(dir, 'better_sqlite3.node'));
    Object.defineProperty(process.versions, 'electron', { value: '45.4.0', configurable: true, enumerable: true });
    expect(electronNativeBinding(t.dir)).toBeNull();
  });
});
