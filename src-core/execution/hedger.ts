// Leg 1: every fill of the maker leg is hedged as it arrives (not after the maker leg ends), by
// IOCs up the ladder (hedge-ladder.ts): a remainder is retried on the next rung, and when the
// rungs (settings.hedgeMaxAttemptCount) run out the remainder is never accepted as "hedged"
// (upstream finalised a partly naked pair, reference-upstream §13 B10): the hedger fails, the
// entry stops and the rollback closes exactly what is unhedged.
//
// The hedgeable quantity is the maker leg's net fills less the hedge's fills and less whatever
// a hedge IOC still working might yet fill (so an unresolved IOC is never doubled), rounded
// down to the hedge market's step. A rest below one step or below the venue's minimum waits
// for more fills; at the end of the entry it is rolled back.
//
// A hedge IOC is never re-sent: one whose outcome is unknown (a 5xx, a timeout, the venue down)
// is waited for until the hedging deadline, and only its resolution (the stream, a readback, or
// the verdict on a lost IOC: EntryRun.settleIoc) decides what is hedged next. One refused before
// it reached the book (429, not sent, never arrived) is retried on the same rung.
import { ATTEMPT_MAX } from '../domain/client-order-id';
import { compareDecimal, fromIncrements, signDecimal, subDecimal, toIncrements } from '../domain/decimal';
import { takerTouch, touchTicks } from './book-touch';
import { settled, type EntryRun } from './entry-run';
import { ladderBps, slippageLimitPrice } from './hedge-ladder';
import { belowMinimum } from './maker-leg';
import { pause } from './entry-wait';
import type { TrackedOrder } from './tracker-types';

/** A hedge IOC refused before it reached the matching engine is tried again on the same rung
 *  after a pause that doubles from HEDGE_RETRY_PAUSE_MS up to HEDGE_RETRY_PAUSE_MAX_MS, at most
 *  HEDGE_UNSENT_MAX times in a row (a venue that refuses every order is the hedge failing). */
export const HEDGE_RETRY_PAUSE_MS = 250;
export const HEDGE_RETRY_PAUSE_MAX_MS = 2_000;
export const HEDGE_UNSENT_MAX = 8;

/** Rejected with nothing filled, for a reason that says the order never reached the book. */
export function neverReachedBook(o: TrackedOrder): boolean {
  const why = o.order.rejectReason;
  return o.order.state === 'rejected' && signDecimal(o.order.filledSize) === 0 && why !== null && NEVER_REACHED_BOOK.has(why);
}
const NEVER_REACHED_BOOK: ReadonlySet<string> = new Set(['rate-limited', 'not-sent', 'invalid-nonce', 'never-arrived']);

export class Hedger {
  /** Why hedging gave up (ladder spent, gate refusal, an IOC that did not settle), or null. */
  failed: string | null = null;
  /** The hedge IOCs sent, in order (for reports and tests). */
  readonly attempts: { readonly clientOrderId: string; readonly size: string; readonly price: string; readonly bps: string; readonly filled: string }[] = [];
  private worker: Promise<void> | null = null;
  private dirty = false;
  /** The last run stopped at a rest too small to send (more fills may make it sendable). */
  private belowMinimum = false;
  private lastTouch: bigint | null = null;
  private readonly off: () => void;

  constructor(private readonly run: EntryRun) {
    this.off = run.onPairFill((f) => {
      if (f.intent.leg === 0 && f.intent.purpose === 'entry') this.kick();
    });
  }

  /** What could be hedged now, on the hedge step (exact; "0" when nothing). */
  hedgeable(): string {
    const r = this.run;
    const open = subDecimal(subDecimal(r.netOf(0), r.netOf(1)), r.workingOf(1, 'hedge'));
    if (compareDecimal(open, '0') <= 0) return '0';
    const step = r.markets.hedge.stepSize;
    return fromIncrements(toIncrements(open, step, 'floor'), step);
  }

  kick(): void {
    if (this.failed !== null) return;
    if (this.worker !== null) {
      // A fill landed while the worker runs: it looks again before it stops.
      this.dirty = true;
      return;
    }
    this.dirty = false;
    this.worker = this.work().finally(() => {
      this.worker = null;
      if (this.dirty) this.kick();
    });
  }

  /** Resolves when no hedge is running and nothing more can be sent: nothing hedgeable, a rest
   *  below the venue's minimum, hedging failed or its time is up. */
  async idle(): Promise<void> {
    // Every round that does not return sends at least one hedge, and hedge attempt numbers run
    // out at ATTEMPT_MAX + 1 (the send is then refused and hedging fails): bounded.
    for (let round = 0; round <= ATTEMPT_MAX + 1; round += 1) {
      if (this.worker !== null) {
        await this.worker;
        continue;
      }
      if (this.failed !== null || this.run.expired() || this.belowMinimum) return;
      if (compareDecimal(this.hedgeable(), '0') <= 0) return;
      this.kick();
    }
    this.fail('hedging did not come to rest');
  }

  stop(): void {
    this.off();
  }

  private fail(reason: string): void {
    this.failed = reason;
    this.run.stopReason ??= `hedge failed: ${reason}`;
    this.run.wake.poke();
  }

  private touch(): bigint | null {
    const r = this.run;
    const book = r.deps.venues[r.plan.hedge.venue].book(r.plan.symbol);
    if (book !== undefined && book.fresh) {
      const t = takerTouch(r.plan.hedge.side, touchTicks(book, r.markets.hedge.tickSize));
      if (t !== null) this.lastTouch = t;
    }
    return this.lastTouch;
  }

  private async work(): Promise<void> {
    const r = this.run;
    const s = r.settings;
    const leg = r.plan.hedge;
    const m = r.markets.hedge;
    let rung = 0;
    let unsent = 0;
    for (;;) {
      this.dirty = false;
      const qty = this.hedgeable();
      if (compareDecimal(qty, '0') <= 0) return;
      if (r.expired()) return this.fail('entry deadline passed with fills unhedged');
      const touch = this.touch();
      if (touch === null) return this.fail('no hedge-side book to price the hedge');
      const bps = ladderBps(rung, s);
      const price = slippageLimitPrice(leg.side, touch, bps, m.tickSize);
      // Too small to send yet: more fills may come; the end of the entry rolls back a rest.
      this.belowMinimum = belowMinimum(qty, price, m.minSize, m.minNotionalUsd);
      if (this.belowMinimum) return;
      const sent = await r.send({ leg, purpose: 'hedge', side: leg.side, size: qty, price, tif: 'ioc', reduceOnly: false, effect: 'hedge' });
      if (sent.kind === 'refused') return this.fail(sent.reason);
      const id = sent.order.intent.clientOrderId;
      const done = await r.settleIoc(id, r.deadlineMono);
      this.attempts.push({ clientOrderId: id, size: qty, price, bps, filled: done.order.filledSize });
      if (!settled(done)) return this.fail(`hedge IOC ${id} unresolved (${done.order.state}) at the hedging deadline`);
      if (compareDecimal(done.order.filledSize, qty) >= 0) {
        rung = 0;
        unsent = 0;
      } else if (neverReachedBook(done)) {
        // Refused before matching (429, not sent) or judged never arrived: the price was never
        // tried, so the rung stays; the next try waits a little (a rate limit needs the pause).
        // Bounded by the attempt numbers, the deadline and HEDGE_UNSENT_MAX.
        unsent += 1;
        if (unsent > HEDGE_UNSENT_MAX) return this.fail(`hedge IOC refused before matching ${unsent} times in a row (last: ${done.order.rejectReason})`);
        await pause(r.deps.clock, Math.min(HEDGE_RETRY_PAUSE_MS * 2 ** (unsent - 1), HEDGE_RETRY_PAUSE_MAX_MS), r.deadlineMono);
      } else {
        rung += 1;
        if (rung >= s.hedgeMaxAttemptCount) return this.fail(`hedge ladder spent after ${rung} attempts`);
      }
    }
  }
}
