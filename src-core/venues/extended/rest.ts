// Extended REST plumbing: the {status, data, pagination} envelope (venues.md §2.1), typed errors,
// and the send classifier for actions. Every read validates the body before it is used.
import { z } from 'zod';
import type { ActionOutcome } from '../port';
import { VenueError, VenueParseError } from '../common/errors';
import type { HttpRequest, VenueHttp } from '../common/http';
import type { Priority } from '../common/rate-limit';
import { sendAction, type Reply, type ReplyVerdict } from '../common/outcome';
import { rejectReasonOf } from './wire/reasons';
import { envelope, errorEnvelope } from './wire/schemas';

type Query = HttpRequest['query'];

export interface Page<T> {
  readonly data: T;
  /** The next cursor, or null on the last page (the venue sends 0 or none). */
  readonly cursor: number | null;
}

export class ExtendedRest {
  constructor(
    readonly http: VenueHttp,
    private readonly now: () => number,
  ) {}

  /** A read; `priority` 'bulk' for history, which spends only the limiter's bulk share. */
  async get<T extends z.ZodType>(path: string, schema: T, route: string, query?: Query, priority: Priority = 'data'): Promise<Page<z.infer<T>>> {
    const res = await this.http.request({ path, route, priority, ...(query === undefined ? {} : { query }) });
    if (res.status >= 400) throw venueError(route, res.status, res.body);
    const parsed = envelope(schema).safeParse(res.body);
    if (!parsed.success) throw new VenueParseError(`${route}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`, res.body);
    const body = parsed.data as { data: z.infer<T>; pagination?: { cursor: number; count: number } };
    const p = body.pagination;
    return { data: body.data, cursor: p === undefined || p.cursor === 0 ? null : p.cursor };
  }

  /** An order action: the reply classified by the shared rules (5xx / thrown / unreadable 2xx
   *  are unknown; only the venue's own refusal is rejected). */
  action(request: HttpRequest, venueOrderIdOf: (data: unknown) => string | null = () => null, stage: 'queued' | 'live' = 'queued'): Promise<ActionOutcome> {
    return sendAction({
      send: async (): Promise<Reply> => {
        const r = await this.http.request({ priority: 'order', ...request });
        return { status: r.status, body: r.body };
      },
      read: (reply) => readReply(reply, venueOrderIdOf, stage),
      reasonOf: rejectReasonOf,
      now: this.now,
    });
  }
}

function readReply(reply: Reply, venueOrderIdOf: (data: unknown) => string | null, stage: 'queued' | 'live'): ReplyVerdict {
  const err = errorEnvelope.safeParse(reply.body);
  if (err.success) return { kind: 'rejected', venueCode: String(err.data.error.code), venueMessage: err.data.error.message };
  if (reply.status >= 400) return { kind: 'unreadable' };
  const ok = envelope(z.unknown()).safeParse(reply.body);
  if (!ok.success) return { kind: 'unreadable' };
  return { kind: 'accepted', stage, venueOrderId: venueOrderIdOf(ok.data.data) };
}

export function venueError(route: string, status: number, body: unknown): VenueError {
  const e = errorEnvelope.safeParse(body);
  const kind = status >= 500 ? 'ambiguous' : 'definitive';
  return new VenueError(kind, `${route}: HTTP ${status}${e.success ? ` ${e.data.error.code} ${e.data.error.message}` : ''}`, status, body, e.success ? e.data.error.code : null);
}
