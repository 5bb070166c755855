// The prestart step rebuilds better-sqlite3 for Electron only when its stamp is stale.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error: a plain ESM script without type declarations
import { stampFor, upToDate } from '../../../scripts/electron-native.mjs';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('electron native build stamp', () => {
  it('is up to date only with the binary and a matching stamp', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const dir = join(t.dir, 'electron-45.4.1');
    const stamp = stampFor('45.4.1', '12.11.1') as string;
    expect(stamp).toBe('electron=45.4.1;better-sqlite3=12.11.1');
    expect(upToDate(dir, stamp)).toBe(false);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'better_sqlite3.node'), 'x');
    expect(upToDate(dir, stamp)).toBe(false);
    writeFileSync(join(dir, 'STAMP'), stampFor('45.4.0', '12.11.1'));
    expect(upToDate(dir, stamp)).toBe(false);
    writeFileSync(join(dir, 'STAMP'), stamp);
    expect(upToDate(dir, stamp)).toBe(true);
  });
});
