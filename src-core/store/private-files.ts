// The data directory holds the ledger (orders, fills, balances) and the settings: nobody but the
// user may read it. Directories are 0700 and database files 0600 regardless of the process umask
// (a umask of 022, the common default, would leave both world-readable). SQLite creates its
// -wal/-shm/-journal files with the main file's permission bits (unix VFS, findCreateFileMode),
// so a 0600 main file keeps them private; any that already exist are tightened too.
// On Windows chmod only toggles the read-only bit; the per-user profile folder's ACL protects it.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

/** Creates `dir` (and missing parents) as 0700; an existing one loses its group/other bits. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Creates `file` empty as 0600 if missing (before SQLite opens it, so it never exists wider),
 *  and tightens it and its SQLite side files if they already exist. */
export function ensurePrivateDbFile(file: string): void {
  // 'a' creates without truncating; the mode applies only on creation, hence the chmod after.
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const f of [file, ...SQLITE_SIDE_FILES.map((s) => file + s)]) {
    if (existsSync(f) && (statSync(f).mode & 0o077) !== 0) chmodSync(f, PRIVATE_FILE_MODE);
  }
}
