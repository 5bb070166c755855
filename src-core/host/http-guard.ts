// Request checks for the headless host. It is bound to 127.0.0.1, but a web page the user
// visits can still aim requests at loopback (DNS rebinding, cross-site WebSockets), so every
// request must carry the per-run token and a loopback Host/Origin naming our port.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { contentSecurityPolicy, LOOPBACK_WS_SOURCES } from './csp';

export const TOKEN_COOKIE = 'fb_token';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokensEqual(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
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

export function cookieToken(req: IncomingMessage): string | null {
  const header = req.headers.cookie;
  if (typeof header !== 'string') return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return v.join('=');
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
  if (!tokensEqual(token, queryToken(req)) && !tokensEqual(token, cookieToken(req))) {
    return { ok: false, status: 401, reason: 'missing or wrong token' };
  }
  return { ok: true };
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy(LOOPBACK_WS_SOURCES);
