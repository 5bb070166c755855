// Request checks for the headless host. It is bound to 127.0.0.1, but a web page the user
// visits can still aim requests at loopback (DNS rebinding, cross-site WebSockets), so every
// request must carry the per-run token and a loopback Host/Origin naming our port.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { contentSecurityPolicy, LOOPBACK_WS_SOURCES } from './csp';

const TOKEN_COOKIE_PREFIX = 'fb_token_';

/** Cookies are scoped by host, not port (RFC 6265 §8.5): two hosts on 127.0.0.1 (a sim and a
 *  paper instance) sharing one cookie name would overwrite each other's token and each receive
 *  the other's. Naming the cookie after the port binds it to the instance listening there. */
export function tokenCookieName(port: number): string {
  return `${TOKEN_COOKIE_PREFIX}${port}`;
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Equal-length SHA-256 digests of both sides, compared with timingSafeEqual: the time taken
 *  depends on neither where the strings differ nor how long the guess is (a length check before
 *  timingSafeEqual returns early and reveals the token's length). */
export function tokenDigest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

export function tokensEqual(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  return timingSafeEqual(tokenDigest(expected), tokenDigest(given));
}

export function allowedHosts(port: number): ReadonlySet<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return typeof host === 'string' && allowedHosts(port).has(host.toLowerCase());
}

/** A missing Origin is a non-browser client (it still needs the token); a present one must be ours. */
export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

export function cookieToken(req: IncomingMessage, port: number): string | null {
  const header = req.headers.cookie;
  if (typeof header !== 'string') return null;
  const name = tokenCookieName(port);
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

export function queryToken(req: IncomingMessage): string | null {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  return url.searchParams.get('token');
}

export type GuardVerdict = { readonly ok: true } | { readonly ok: false; readonly status: 401 | 403; readonly reason: string };

export function checkRequest(req: IncomingMessage, port: number, token: string): GuardVerdict {
  if (!hostAllowed(req, port)) return { ok: false, status: 403, reason: 'foreign Host header' };
  if (!originAllowed(req, port)) return { ok: false, status: 403, reason: 'foreign Origin header' };
  if (!tokensEqual(token, queryToken(req)) && !tokensEqual(token, cookieToken(req, port))) {
    return { ok: false, status: 401, reason: 'missing or wrong token' };
  }
  return { ok: true };
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy(LOOPBACK_WS_SOURCES);
