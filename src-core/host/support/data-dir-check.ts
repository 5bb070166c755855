// The data directory's privacy as it is on disk, read before anything opens the store (opening
// it tightens the modes, which would hide what a support case needs to see): the directory 0700,
// every SQLite file in it 0600 (store/private-files.ts). It also proves the directory writable.
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_DIR_MODE } from '../../store/private-files';

const DB_FILE_RE = /\.db(-wal|-shm|-journal)?$/;

/** A failure's reason, or null when the directory is private and writable. Windows keeps no
 *  unix modes (the profile folder's ACL protects it), so only writability is checked there. */
export function dataDirProblem(dir: string, platform: NodeJS.Platform = process.platform): string | null {
  if (!existsSync(dir)) return null;
  const unix = platform !== 'win32';
  const dirMode = statSync(dir).mode & 0o777;
  if (unix && dirMode !== PRIVATE_DIR_MODE) return `${dir} is ${octal(dirMode)}, expected ${octal(PRIVATE_DIR_MODE)}`;
  if (unix) {
    const loose = readdirSync(dir).filter((f) => DB_FILE_RE.test(f) && (statSync(join(dir, f)).mode & 0o077) !== 0);
    if (loose.length > 0) return `readable by others: ${loose.map((f) => `${f} (${octal(statSync(join(dir, f)).mode & 0o777)})`).join(', ')}; expected 0600`;
  }
  const probe = join(dir, `.doctor-${process.pid}`);
  try {
    writeFileSync(probe, 'probe', { mode: 0o600 });
  } catch (e) {
    return `not writable: ${e instanceof Error ? e.message : String(e)}`;
  } finally {
    rmSync(probe, { force: true });
  }
  return null;
}

function octal(mode: number): string {
  return `0${mode.toString(8)}`;
}
