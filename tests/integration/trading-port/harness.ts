// The trading-port contract harness: one shape for both venues, so the same scenarios (functions
// of a Harness) run against the Lighter and the Extended adapter. A harness owns a started
// simulator on a manual clock (loopback ports 0), an adapter with the demo credentials whose own
// clock is the simulator's, and venue-neutral helpers: canonical client ids, prices that rest or
// cross (on the tick grid), a counterparty that trades against our resting orders, clock control,
// a restart (a new adapter instance over the same venue) and the simulator's own integer
// accounting to compare the ledger values with.
import { ManualClock } from '../../../src-core/venues/sim/engine/clock';
import type { SimAccount } from '../../../src-core/venues/sim/engine/accounts';
import type { Simulator } from '../../../src-core/venues/sim/server';
import type { VenueId } from '../../../src-core/domain/venue';
import { encodeClientOrderId } from '../../../src-core/domain/client-order-id';
import { fromIncrements } from '../../../src-core/domain/decimal';
import type { Side } from '../../../src-core/domain/venue';
import type { AccountEvent, VenueAdapter } from '../../../src-core/venues/port';

export interface Harness {
  readonly venue: VenueId;
  readonly sim: Simulator;
  readonly clock: ManualClock;
  /** The current adapter (replaced by restart()). */
  readonly adapter: VenueAdapter;
  /** Every account event the current adapter emitted, in order. */
  readonly events: AccountEvent[];
  /** A fresh canonical client order id (domain/client-order-id.ts). */
  nextClientId(): string;
  /** A limit price that rests: `ticksAway` ticks behind the touch on our side. */
  restingPrice(symbol: string, side: Side, ticksAway?: number): string;
  /** The touch on our own side (best bid for a buy): rests, and is first in line there. */
  touchPrice(symbol: string, side: Side): string;
  /** A limit price that crosses the spread by a few ticks. */
  crossingPrice(symbol: string, side: Side): string;
  /** The smallest size the venue accepts at `price`, times `multiple`, on the step grid. */
  size(symbol: string, price: string, multiple?: number): string;
  /** Another account takes `steps` steps of liquidity at `price` (IOC) on the opposite side of `ourSide`. */
  counterpartyTake(symbol: string, ourSide: Side, price: string, steps: number): void;
  /** Moves the simulator clock (and so the adapter's), running what falls due. */
  advance(ms: number): void;
  /** Venue down (every request 503, sockets refused) or back. */
  setDown(down: boolean): void;
  /** Closes every venue socket now. */
  disconnect(): void;
  /** Stops the adapter and starts a new instance with the same credentials. */
  restart(): Promise<VenueAdapter>;
  /** The simulator's own books for our account (integer micro-USD fees and funding). */
  simAccount(): SimAccount;
  close(): Promise<void>;
}

/** Polls `fn` until it returns a value that passes `ok`, or throws after `timeoutMs` of real time.
 *  Between polls it may move the simulator clock by `advanceMs` (so queued txs execute). */
export async function until<T>(fn: () => T | Promise<T>, ok: (v: T) => boolean, opts: { timeoutMs?: number; h?: Harness; advanceMs?: number; what?: string } = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  let last: T | undefined;
  for (;;) {
    last = await fn();
    if (ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${opts.what ?? 'condition'}; last value ${JSON.stringify(last)}`);
    if (opts.h !== undefined && opts.advanceMs !== undefined) opts.h.advance(opts.advanceMs);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Shared pieces a venue harness builds on. */
export class ClientIds {
  private seq = 0;
  constructor(private readonly epoch: number) {}
  next(): string {
    this.seq += 1;
    return encodeClientOrderId({ epoch: this.epoch, pairSeq: this.seq, leg: 0, purpose: 'entry', attempt: 0 });
  }
}

export function bookPrices(sim: Simulator, venue: VenueId, symbol: string): { bidTicks: number; askTicks: number; tickSize: string } {
  const m = sim.engine.market(venue, symbol);
  if (m === undefined) throw new Error(`no ${venue} market ${symbol}`);
  const book = sim.engine.book(venue, symbol);
  const bid = book.bestBid();
  const ask = book.bestAsk();
  if (bid === null || ask === null) throw new Error(`${venue} ${symbol} book is one-sided`);
  return { bidTicks: bid, askTicks: ask, tickSize: m.tickSize };
}

export function priceOf(ticks: number, tickSize: string): string {
  return fromIncrements(BigInt(ticks), tickSize);
}

/** A scenario: written once, run against every venue's harness. */
export type Scenario = (h: Harness) => Promise<void>;
