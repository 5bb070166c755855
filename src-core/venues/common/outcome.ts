// The send-outcome classifier both adapters share: what a reply to an order action means for
// money. The rule that matters: anything after which the request *may* have reached the venue
// and been applied is `unknown` (resolve by readback, never by re-sending), including a 5xx page
// and a 2xx reply whose body we cannot read. Only a reply that definitively says "refused" is
// `rejected`, and only a failure before any byte left is `not-sent`.
import type { ActionOutcome, RejectReason } from '../port';
import { VenueError } from './errors';

export interface Reply {
  readonly status: number;
  readonly body: unknown;
}

/** What a venue-specific reader makes of a reply. */
export type ReplyVerdict =
  | { readonly kind: 'accepted'; readonly stage: 'queued' | 'live'; readonly venueOrderId: string | null }
  | { readonly kind: 'rejected'; readonly venueCode: string | null; readonly venueMessage: string }
  | { readonly kind: 'unreadable' };

export interface SendSpec {
  readonly send: () => Promise<Reply>;
  /** Reads a reply with status < 500 other than 429. */
  readonly read: (reply: Reply) => ReplyVerdict;
  /** Maps the venue's code and message onto the normalised reason. */
  readonly reasonOf: (venueCode: string | null, venueMessage: string, status: number) => RejectReason;
  /** Known before the send (Lighter's signed hash), carried into accepted and unknown. */
  readonly txHash?: string | null;
  readonly now: () => number;
}

const RETRYABLE: ReadonlySet<RejectReason> = new Set(['rate-limited', 'not-sent', 'invalid-nonce']);

export function rejected(reason: RejectReason, venueMessage: string, venueCode: string | null = null): ActionOutcome {
  return { kind: 'rejected', reason, retryable: RETRYABLE.has(reason), venueCode, venueMessage };
}

/** Waits for what must be on disk before an order leaves (TradingPort.place's `durable`): null
 *  when it is, or the 'not-sent' refusal when it could not be made durable (nothing was sent). */
export async function whenDurable(durable: Promise<void> | undefined): Promise<ActionOutcome | null> {
  if (durable === undefined) return null;
  try {
    await durable;
    return null;
  } catch (err) {
    return rejected('not-sent', `not sent: its intent could not be made durable (${err instanceof Error ? err.message : String(err)})`);
  }
}

export function classifyReply(reply: Reply, spec: Pick<SendSpec, 'read' | 'reasonOf' | 'txHash' | 'now'>): ActionOutcome {
  const txHash = spec.txHash ?? null;
  if (reply.status === 429) return rejected('rate-limited', 'HTTP 429', '429');
  // A gateway error or a crashed handler can follow a successful apply: only a query tells.
  if (reply.status >= 500) return { kind: 'unknown', cause: `HTTP ${reply.status}`, txHash };
  const verdict = spec.read(reply);
  switch (verdict.kind) {
    case 'accepted':
      if (reply.status >= 300) return { kind: 'unknown', cause: `HTTP ${reply.status} with an acknowledgement`, txHash };
      return { kind: 'accepted', stage: verdict.stage, venueOrderId: verdict.venueOrderId, txHash, ackAtMs: spec.now() };
    case 'rejected':
      return rejected(spec.reasonOf(verdict.venueCode, verdict.venueMessage, reply.status), verdict.venueMessage, verdict.venueCode);
    case 'unreadable':
      // A refusal status needs no body to be a refusal; a 2xx we cannot read may be a success.
      if (reply.status >= 400) return rejected(spec.reasonOf(null, `HTTP ${reply.status}`, reply.status), `HTTP ${reply.status}`, String(reply.status));
      return { kind: 'unknown', cause: `HTTP ${reply.status}: unreadable acknowledgement`, txHash };
  }
}

/** Sends and classifies. Never throws: every failure is an outcome. */
export async function sendAction(spec: SendSpec): Promise<ActionOutcome> {
  let reply: Reply;
  try {
    reply = await spec.send();
  } catch (e) {
    if (e instanceof VenueError && e.kind === 'not-sent') return rejected('not-sent', e.message);
    return { kind: 'unknown', cause: e instanceof Error ? e.message : String(e), txHash: spec.txHash ?? null };
  }
  return classifyReply(reply, spec);
}
