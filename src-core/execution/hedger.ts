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
import { ATTEMPT_MAX } from '../domain/client-order-id';
import { compareDecimal, fromIncrements, subDecimal, toIncrements } from '../domain/decimal';
import { takerTouch, touchTicks } from './book-touch';
import { settled, type EntryRun } from './entry-run';
import { ladderBps, slippageLimitPrice } from './hedge-ladder';
import { belowMinimum } from './maker-leg';

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
      const done = await r.settle(id, Math.min(r.monoNow() + s.hedgeAttemptTimeoutMs, r.deadlineMono));
      this.attempts.push({ clientOrderId: id, size: qty, price, bps, filled: done.order.filledSize });
      if (!settled(done)) return this.fail(`hedge IOC ${id} did not settle in ${s.hedgeAttemptTimeoutMs} ms`);
      if (compareDecimal(done.order.filledSize, qty) < 0) {
        rung += 1;
        if (rung >= s.hedgeMaxAttemptCount) return this.fail(`hedge ladder spent after ${rung} attempts`);
      } else {
        rung = 0;
      }
    }
  }
}
