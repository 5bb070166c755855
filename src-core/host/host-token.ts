// The headless host's token, kept in the data directory (0600 in the 0700 dir, like the
// databases) so a core restarted for the same data dir on the same --port accepts the page that
// is already open: its WebSocket reconnects with the token it was loaded with, and the banner the
// page showed while the core was down clears by itself. Anyone who can read this file can read
// the ledger beside it; the token guards against web pages and other users, not against the user.
import { existsSync, readFileSync, writeFileSync, chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { newToken } from './http-guard';
import { ensurePrivateDir, PRIVATE_FILE_MODE } from '../store/private-files';

export const HOST_TOKEN_FILE = 'host-token';
/** newToken(): 32 random bytes, base64url without padding. */
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/** The stored token, or a new one written first. A file that does not hold a token is replaced. */
export function persistentHostToken(dataDir: string): string {
  ensurePrivateDir(dataDir);
  const file = join(dataDir, HOST_TOKEN_FILE);
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, PRIVATE_FILE_MODE);
    if (TOKEN_RE.test(stored)) return stored;
  }
  const token = newToken();
  writeFileSync(file, `${token}\n`, { mode: PRIVATE_FILE_MODE });
  chmodSync(file, PRIVATE_FILE_MODE);
  return token;
}
