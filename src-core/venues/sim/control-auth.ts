// Who may drive the simulator's faults. The control endpoint listens on 127.0.0.1, but any web
// page the user visits can aim requests at loopback: a cross-site form POST or fetch needs no
// CORS preflight for text/plain bodies, and DNS rebinding lets a page name our port under its own
// host. So every request must carry the per-run token, name a loopback Host with our port, carry
// no Origin (browsers always send one on cross-origin POSTs and fetches; curl and the tests
// don't), and a POST must be application/json (a content type a page can only send after a
// preflight this server never answers).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newControlToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Equal-length digests compared in constant time: neither the position of the first difference
 *  nor the guess's length shows in the time taken. */
function tokensEqual(expected: string, given: string): boolean {
  const digest = (t: string) => createHash('sha256').update(t, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/** `Authorization: Bearer <token>` or, for a pasted URL, `?token=<token>`. */
function givenToken(req: IncomingMessage): string | null {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice('Bearer '.length);
  return new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('token');
}

export type ControlVerdict = { readonly ok: true } | { readonly ok: false; readonly status: 401 | 403 | 415; readonly error: string };

export function checkControlRequest(req: IncomingMessage, port: number, token: string): ControlVerdict {
  const host = req.headers.host?.toLowerCase();
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return { ok: false, status: 403, error: 'Host must be 127.0.0.1:<port>' };
  if (req.headers.origin !== undefined) return { ok: false, status: 403, error: 'requests from web pages (with an Origin header) are refused' };
  const given = givenToken(req);
  if (given === null || !tokensEqual(token, given)) return { ok: false, status: 401, error: 'missing or wrong control token (Authorization: Bearer <token>)' };
  if (req.method === 'POST') {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return { ok: false, status: 415, error: 'Content-Type must be application/json' };
  }
  return { ok: true };
}
