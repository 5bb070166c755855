// The data directory and its database files are private to the user, whatever the umask: a
// 0022 umask (the usual default, and this machine's) would otherwise leave them world-readable.
import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openLedgerDatabase, openStore } from '../../../src-core/store/db';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../../../src-core/store/private-files';
import { tempDir } from '../../helpers/tmp';

const perms = (p: string): number => statSync(p).mode & 0o777;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function temp(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe.skipIf(process.platform === 'win32')('database file permissions', () => {
  it('creates a missing data directory 0700 and the database, WAL and SHM files 0600', () => {
    const dataDir = join(temp(), 'nested', 'data');
    const db = openStore({ dataDir, mode: 'sim' });
    const ledger = openLedgerDatabase(join(dataDir, 'sim.db'));
    try {
      db.exec('CREATE TABLE IF NOT EXISTS probe (x INTEGER); INSERT INTO probe VALUES (1);');
      expect(perms(dataDir)).toBe(PRIVATE_DIR_MODE);
      const file = join(dataDir, 'sim.db');
      expect(perms(file)).toBe(PRIVATE_FILE_MODE);
      for (const side of ['-wal', '-shm']) {
        expect(existsSync(file + side)).toBe(true);
        expect(perms(file + side)).toBe(PRIVATE_FILE_MODE);
      }
    } finally {
      ledger.close();
      db.close();
    }
  });

  it('tightens an existing world-readable data directory and database file', () => {
    const dataDir = join(temp(), 'old');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const file = join(dataDir, 'paper.db');
    writeFileSync(file, '');
    chmodSync(file, 0o644);
    const db = openStore({ dataDir, mode: 'paper' });
    try {
      expect(perms(dataDir)).toBe(PRIVATE_DIR_MODE);
      expect(perms(file)).toBe(PRIVATE_FILE_MODE);
    } finally {
      db.close();
    }
  });
});
