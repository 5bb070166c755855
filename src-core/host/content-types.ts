// Content types of the built renderer's files: one table for both ways the renderer is served
// (the headless host's static files, host/static-files.ts, and Electron's app:// protocol,
// main/app-protocol.ts).
import { extname } from 'node:path';

const RENDERER_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/** The content type of a renderer file by its extension (any case); undefined for one the
 *  renderer does not ship. */
export function rendererContentType(path: string): string | undefined {
  return RENDERER_CONTENT_TYPES[extname(path).toLowerCase()];
}
