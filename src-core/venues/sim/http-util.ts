// HTTP plumbing shared by the two faces: bounded body reading, JSON replies, and the fault and
// rate-limit checks every request passes through before the venue logic sees it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { VenueId } from '../../domain/venue';
import type { FaultInjector } from './faults/faults';
import type { WindowLimiter } from './faults/rate-limit';

export const MAX_BODY_BYTES = 64 * 1024;

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendRaw(res: ServerResponse, status: number, body: string, contentType: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export function delay(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((r) => setTimeout(r, ms));
}

export interface Gate {
  readonly faults: FaultInjector;
  readonly limiter: WindowLimiter | null;
}

/** Applies latency, injected HTTP faults, 429 bursts and the venue's rate limit. Returns true
 *  when the request was answered here and the face must not handle it. */
export async function gateRequest(venue: VenueId, route: string, res: ServerResponse, gate: Gate, tooMany: () => unknown): Promise<boolean> {
  await delay(gate.faults.latencyMs(venue, route));
  const holdMs = gate.faults.responseDelayMs(venue, route);
  if (holdMs > 0) holdResponse(res, holdMs);
  const fault = gate.faults.nextHttpFault(venue, route);
  if (fault !== null) {
    sendRaw(res, fault.status, fault.body, fault.contentType);
    return true;
  }
  if (gate.faults.take429(venue, route) || (gate.limiter !== null && !gate.limiter.tryCharge(route))) {
    sendJson(res, 429, tooMany());
    return true;
  }
  return false;
}

/** Lets the handler run now but delays what it writes. */
function holdResponse(res: ServerResponse, ms: number): void {
  const writeHead = res.writeHead.bind(res);
  const end = res.end.bind(res);
  let head: Parameters<typeof res.writeHead> | null = null;
  res.writeHead = ((...args: Parameters<typeof res.writeHead>) => {
    head = args;
    return res;
  }) as typeof res.writeHead;
  res.end = ((...args: Parameters<typeof res.end>) => {
    setTimeout(() => {
      if (res.destroyed) return;
      if (head !== null) writeHead(...head);
      (end as (...a: unknown[]) => void)(...args);
    }, ms);
    return res;
  }) as typeof res.end;
}

export function queryOf(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
}

export function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
}

/** Strict integer parameter: digits only, within the safe range. */
export function intParam(value: string | null): number | null {
  if (value === null || !/^-?\d{1,16}$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

/** Cursor paging, newest first: the cursor is the id to continue after. */
export function pageNewestFirst<T extends { readonly id: number }>(rows: readonly T[], limit: number, cursor: string | null): { items: T[]; next: string | null } {
  const sorted = [...rows].sort((a, b) => b.id - a.id);
  const after = cursor === null ? null : intParam(Buffer.from(cursor, 'base64url').toString('utf8'));
  const start = after === null ? 0 : sorted.findIndex((r) => r.id < after);
  const from = start < 0 ? sorted.length : start;
  const items = sorted.slice(from, from + limit);
  const more = from + limit < sorted.length;
  return { items, next: more ? Buffer.from(String(items[items.length - 1]!.id)).toString('base64url') : null };
}
