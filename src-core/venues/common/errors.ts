// Venue call failures, typed by what they mean for money: `definitive` (the venue answered; the
// request had its effect or none, per the answer), `not-sent` (failed before any byte left:
// safe to retry), `ambiguous` (the request may have reached the venue: resolve by readback,
// never by re-sending).
export type VenueErrorKind = 'definitive' | 'not-sent' | 'ambiguous' | 'parse';

export class VenueError extends Error {
  constructor(
    readonly kind: VenueErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly body: unknown = null,
    readonly venueCode: string | number | null = null,
  ) {
    super(message);
    this.name = 'VenueError';
  }
}

/** A frame or body that does not match the venue's documented shape. */
export class VenueParseError extends VenueError {
  constructor(message: string, body: unknown = null) {
    super('parse', message, null, body);
    this.name = 'VenueParseError';
  }
}

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Classifies a thrown network error from undici. */
export function classifyNetworkError(e: unknown): VenueError {
  const code = (e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code ?? '';
  const message = e instanceof Error ? e.message : String(e);
  if (NOT_SENT_CODES.has(code)) return new VenueError('not-sent', `${code}: ${message}`);
  return new VenueError('ambiguous', `${code || 'network'}: ${message}`);
}
