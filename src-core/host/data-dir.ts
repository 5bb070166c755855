import { homedir } from 'node:os';
import { join } from 'node:path';

/** Per-user data directory (created 0700 with 0600 database files by store/private-files.ts when
 *  the store opens) (FUNDINGBOT_DATA_DIR overrides), following each OS's convention. */
export function defaultDataDir(): string {
  const env = process.env.FUNDINGBOT_DATA_DIR;
  if (env !== undefined && env !== '') return env;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? homedir(), 'Fundingbot');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Fundingbot');
  return join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'fundingbot');
}
