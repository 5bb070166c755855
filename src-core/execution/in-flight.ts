// When to query an in-flight order, and when to give up on it. Pure: the caller passes the clock
// reading and the readback results so far; this says what to do next. Follows NautilusTrader's
// in-flight check (docs/concepts/live.md: inflight_check_interval_ms 2000,
// inflight_check_threshold_ms 5000, inflight_check_retries 5), with two changes for our venues:
// - A "not found" inside the venue's grace window (capabilities.notFoundGraceMs: after an ack a
//   readback may not see the order yet, e.g. Lighter's speed bump, Extended's async matching)
//   says nothing, so it never counts.
// - Exhausted checks make the order "lost" (handed to reconciliation, which looks at fills and
//   positions), not REJECTED: a venue that dropped an order silently and one whose query is slow
//   look the same from here, and guessing "never arrived" under-hedges when it did.
// A failed query (it threw) is never "not found": it only schedules the next query.

export interface InFlightConfig {
  /** How often an in-flight order is queried once it is due. */
  readonly checkIntervalMs: number;
  /** How long after the send (or cancel request) before the first query: the stream usually
   *  resolves an order well before this. */
  readonly thresholdMs: number;
  /** Not-found answers past the threshold and the grace window before the order is lost. */
  readonly maxRetries: number;
}

export const DEFAULT_IN_FLIGHT: InFlightConfig = { checkIntervalMs: 2_000, thresholdMs: 5_000, maxRetries: 5 };

export class InFlightConfigError extends Error {
  override readonly name = 'InFlightConfigError';
}

export function checkInFlightConfig(c: InFlightConfig): InFlightConfig {
  for (const [k, v] of [
    ['checkIntervalMs', c.checkIntervalMs],
    ['thresholdMs', c.thresholdMs],
    ['maxRetries', c.maxRetries],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 1) throw new InFlightConfigError(`${k} must be a positive integer, got ${v}`);
  }
  return c;
}

export type InFlightCheck =
  | { readonly kind: 'found'; readonly atMs: number }
  | { readonly kind: 'not-found'; readonly atMs: number }
  /** The query threw (VenueError, timeout): unknown, not absent. */
  | { readonly kind: 'failed'; readonly atMs: number; readonly error: string };

export interface InFlightInput {
  /** When the order went in flight: the send, or the cancel request. */
  readonly sinceMs: number;
  /** The venue's acknowledgement time if there was one (the grace window runs from it). */
  readonly ackAtMs: number | null;
  readonly notFoundGraceMs: number;
  /** Readback results since `sinceMs`, in any order. */
  readonly checks: readonly InFlightCheck[];
  readonly nowMs: number;
}

export type InFlightDecision =
  /** Nothing to do before `untilMs` (before the threshold, or the interval since the last query). */
  | { readonly kind: 'wait'; readonly untilMs: number }
  | { readonly kind: 'query' }
  /** The last answer was "not found" inside the grace window or before the threshold: still in
   *  flight; query again at `untilMs`. */
  | { readonly kind: 'in-flight'; readonly untilMs: number }
  /** `maxRetries` not-found answers that counted: hand it to reconciliation. */
  | { readonly kind: 'lost'; readonly notFoundChecks: number }
  /** Found `maxRetries` times past the threshold yet still in flight (a cancel that is not being
   *  applied): re-request or hand to reconciliation; never guessed done. */
  | { readonly kind: 'stuck'; readonly foundChecks: number };

/** From when a not-found answer means something. */
export function countsFromMs(input: Pick<InFlightInput, 'sinceMs' | 'ackAtMs' | 'notFoundGraceMs'>, config: InFlightConfig): number {
  return Math.max(input.sinceMs + config.thresholdMs, (input.ackAtMs ?? input.sinceMs) + Math.max(0, input.notFoundGraceMs));
}

export function decideInFlight(input: InFlightInput, config: InFlightConfig = DEFAULT_IN_FLIGHT): InFlightDecision {
  const from = countsFromMs(input, config);
  const thresholdAt = input.sinceMs + config.thresholdMs;
  let notFound = 0;
  let found = 0;
  let last: InFlightCheck | undefined;
  for (const c of input.checks) {
    if (last === undefined || c.atMs >= last.atMs) last = c;
    if (c.kind === 'not-found' && c.atMs >= from) notFound += 1;
    if (c.kind === 'found' && c.atMs >= thresholdAt) found += 1;
  }
  if (notFound >= config.maxRetries) return { kind: 'lost', notFoundChecks: notFound };
  if (found >= config.maxRetries) return { kind: 'stuck', foundChecks: found };
  if (input.nowMs < thresholdAt) {
    return last?.kind === 'not-found' ? { kind: 'in-flight', untilMs: thresholdAt } : { kind: 'wait', untilMs: thresholdAt };
  }
  if (last === undefined) return { kind: 'query' };
  const nextAt = last.atMs + config.checkIntervalMs;
  if (input.nowMs >= nextAt) return { kind: 'query' };
  return last.kind === 'not-found' && last.atMs < from ? { kind: 'in-flight', untilMs: nextAt } : { kind: 'wait', untilMs: nextAt };
}
