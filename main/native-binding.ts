// better-sqlite3 built for Electron's ABI lives beside the Node build (see build/NATIVE.md);
// null means "use the default binary", which only works when it was built for Electron.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function electronNativeBinding(appPath: string): string | null {
  // Same folder name as scripts/electron-native.mjs nativeDirName(): one build per arch.
  const file = join(appPath, '.native', `electron-${process.versions.electron}-${process.arch}`, 'better_sqlite3.node');
  return existsSync(file) ? file : null;
}
