// Serves the built renderer. Paths are resolved inside the root only; the file is read before
// headers are written, so a missing file can still get a clean 404.
import { readFile } from 'node:fs/promises';
import { join, normalize, resolve, sep } from 'node:path';
import { rendererContentType } from './content-types';

export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

export async function readStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (path === '/' || path === '') path = '/index.html';
  const absRoot = resolve(root);
  const file = resolve(join(absRoot, normalize(path)));
  if (file !== absRoot && !file.startsWith(absRoot + sep)) return null;
  try {
    const body = await readFile(file);
    return { body, contentType: rendererContentType(file) ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}
