// The renderer is served from app://fundingbot/ instead of file:// (Electron security checklist
// item 18): a file:// page can read any file:// URL, and keeping Vite's module scripts working
// from file:// needs the GrantFileProtocolExtraPrivileges fuse on. This handler serves only
// files under out/renderer, GET only, with our CSP on every response.
import { readFile } from 'node:fs/promises';
import { rendererContentType } from '../src-core/host/content-types';
import { join, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'fundingbot';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
/** protocol.registerSchemesAsPrivileged: `standard` gives the scheme a real origin (so 'self',
 *  relative URLs and same-origin module scripts work), `secure` makes it a secure context like
 *  https, `supportFetchAPI` lets the page fetch its own assets. Nothing else (no bypassCSP, no
 *  service workers, no stream). */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/** The file under `rendererRoot` an app:// URL names, or null: another scheme or host, a
 *  segment that decodes to '..', '.', a separator or NUL, or a path outside the root. */
export function resolveAppRequest(url: string, rendererRoot: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || u.username !== '' || u.password !== '') return null;
  const segments: string[] = [];
  for (const raw of u.pathname.split('/').filter((s) => s !== '')) {
    let s: string;
    try {
      s = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (s === '.' || s === '..' || /[/\\\0]/.test(s)) return null;
    segments.push(s);
  }
  const root = resolve(rendererRoot);
  const file = resolve(join(root, ...(segments.length === 0 ? ['index.html'] : segments)));
  return file.startsWith(root + sep) ? file : null;
}

/** The protocol.handle handler: a Response per request, never a directory listing or a
 *  file outside the renderer. */
export function appProtocolHandler(rendererRoot: string, csp: string): (req: Request) => Promise<Response> {
  return async (req) => {
    const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
    if (req.method !== 'GET' && req.method !== 'HEAD') return new Response(null, { status: 405, headers });
    const file = resolveAppRequest(req.url, rendererRoot);
    const type = file === null ? undefined : rendererContentType(file);
    if (file === null || type === undefined) return new Response(null, { status: 404, headers });
    try {
      const body = await readFile(file);
      return new Response(req.method === 'HEAD' ? null : body, { status: 200, headers: { ...headers, 'Content-Type': type } });
    } catch {
      return new Response(null, { status: 404, headers });
    }
  };
}
