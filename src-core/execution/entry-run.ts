// One running entry: its pair, legs, budgets and the exact filled size of each leg, fed by the
// tracker's fills (durable in the ledger before we hear of them). The maker leg, the hedger and
// the rollback (maker-leg.ts, hedger.ts, rollback.ts) share it; every order goes through
// `send`, which asks the risk gate first and takes a fresh attempt number.
import type { Clock } from '../domain/clock';
import type { OrderPurpose } from '../domain/client-order-id';
import { addDecimal, compareDecimal, signDecimal, subDecimal } from '../domain/decimal';
import type { Side } from '../domain/venue';
import type { LedgerRepo } from '../ledger/ledger-repo';
import type { NewPair } from '../ledger/types';
import type { Logger } from '../telemetry/log';
import type { MarketMeta, TimeInForce } from '../venues/port';
import type { AttemptCounter, EntryPlan, LegPlan } from './entry-plan';
import type { EntryGate, EntrySettings, ExecutionVenue, GateEffect } from './entry-types';
import { Wakeup } from './entry-wait';
import { isClosed } from './order-fsm';
import { settled, settleIoc } from './ioc-settle';
import type { OrderTracker, TrackedFill, TrackedOrder } from './tracker-types';

export interface EntryDeps {
  readonly tracker: OrderTracker;
  readonly ledger: LedgerRepo;
  readonly venues: Readonly<Record<LegPlan['venue'], ExecutionVenue>>;
  readonly clock: Clock;
  readonly gate: EntryGate;
  readonly log: Logger;
}

export type SendResult = { readonly kind: 'sent'; readonly order: TrackedOrder } | { readonly kind: 'refused'; readonly reason: string };

export interface SendOrder {
  readonly leg: LegPlan;
  readonly purpose: OrderPurpose;
  readonly side: Side;
  readonly size: string;
  readonly price: string;
  readonly tif: TimeInForce;
  readonly reduceOnly: boolean;
  readonly effect: GateEffect;
  readonly expiryMs?: number;
}

export { settled } from './ioc-settle';

export class EntryRun {
  readonly wake: Wakeup;
  /** End of the maker leg and the hedging (the rollback's reserve comes after it). */
  readonly deadlineMono: number;
  /** Set by cancelEntry or a failed hedge: the maker leg stops, what filled is hedged or rolled back. */
  stopReason: string | null = null;
  /** Exact filled size per leg and purpose (opening fills and rollback fills apart). */
  private readonly filled = new Map<string, string>();
  private readonly orders = new Map<string, TrackedOrder>();
  private readonly offs: (() => void)[] = [];
  private readonly onFillListeners = new Set<(f: TrackedFill) => void>();

  constructor(
    readonly deps: EntryDeps,
    readonly settings: EntrySettings,
    readonly plan: EntryPlan,
    readonly markets: { readonly maker: MarketMeta; readonly hedge: MarketMeta },
    readonly pair: NewPair,
    readonly counter: AttemptCounter,
    /** Monotonic deadline of the whole entry (settings.entryDeadlineMs from its start). The
     *  rollback may use all of it; the maker leg and the hedges end `rollbackReserveMs` before,
     *  so a naked rest is never left for want of time to close it. */
    readonly finalDeadlineMono: number,
    readonly rollbackReserveMs: number,
  ) {
    this.deadlineMono = finalDeadlineMono - rollbackReserveMs;
    this.wake = new Wakeup(deps.clock);
    this.offs.push(deps.tracker.onFill((f) => this.onFill(f)));
    this.offs.push(
      deps.tracker.onOrder((o) => {
        if (this.orders.has(o.intent.clientOrderId)) {
          this.orders.set(o.intent.clientOrderId, o);
          this.wake.poke();
        }
      }),
    );
    for (const leg of [plan.maker, plan.hedge]) {
      this.offs.push(deps.venues[leg.venue].onBook((b) => {
        if (b.symbol === plan.symbol) this.wake.poke();
      }));
    }
  }

  get pairSeq(): number {
    return this.pair.pairSeq;
  }

  monoNow(): number {
    return this.deps.clock.monoNow();
  }

  /** Past the end of the maker leg and hedging. */
  expired(): boolean {
    return this.monoNow() >= this.deadlineMono;
  }

  /** Past the whole entry's deadline (the rollback's own bound). */
  finallyExpired(): boolean {
    return this.monoNow() >= this.finalDeadlineMono;
  }

  /** Exact filled size of `leg` for `purpose` (all its orders). */
  filledOf(leg: 0 | 1, purpose: OrderPurpose): string {
    return this.filled.get(`${leg}:${purpose}`) ?? '0';
  }

  /** Net size held on a leg: its opening fills (maker entry or hedge) less its rollback fills. */
  netOf(leg: 0 | 1): string {
    const opening = leg === 0 ? this.filledOf(0, 'entry') : this.filledOf(1, 'hedge');
    return subDecimal(opening, this.filledOf(leg, 'rollback'));
  }

  /** Sizes still working (unsettled) on our orders of `leg` and `purpose`: they may fill yet. */
  workingOf(leg: 0 | 1, purpose: OrderPurpose): string {
    let sum = '0';
    for (const o of this.orders.values()) {
      if (o.intent.leg !== leg || o.intent.purpose !== purpose || settled(o)) continue;
      const left = subDecimal(o.intent.size, o.order.filledSize);
      if (signDecimal(left) > 0) sum = addDecimal(sum, left);
    }
    return sum;
  }

  /** Any order of this entry still unsettled. */
  anyUnsettled(): boolean {
    for (const o of this.orders.values()) if (!settled(o)) return true;
    return false;
  }

  latest(clientOrderId: string): TrackedOrder | undefined {
    return this.deps.tracker.get(clientOrderId) ?? this.orders.get(clientOrderId);
  }

  /** Gate, attempt number, then the tracker (which persists the intent before the venue call). */
  async send(o: SendOrder): Promise<SendResult> {
    const verdict = this.deps.gate({ effect: o.effect, venue: o.leg.venue, symbol: this.pair.symbol });
    if (!verdict.allowed) return { kind: 'refused', reason: `gate: ${verdict.reason ?? o.effect + ' refused'}` };
    if (compareDecimal(o.size, '0') <= 0) return { kind: 'refused', reason: 'nothing to send' };
    const attempt = this.counter.take(o.leg.leg, o.purpose);
    if (attempt === null) return { kind: 'refused', reason: `attempts exhausted for leg ${o.leg.leg} ${o.purpose}` };
    let order: TrackedOrder;
    try {
      order = await this.deps.tracker.submit({
        pair: this.pair,
        intent: { leg: o.leg.leg, venue: o.leg.venue, purpose: o.purpose, attempt, side: o.side, size: o.size, price: o.price, tif: o.tif, reduceOnly: o.reduceOnly },
        type: 'limit',
        ...(o.expiryMs === undefined ? {} : { expiryMs: o.expiryMs }),
      });
    } catch (e) {
      // The tracker refuses before anything is sent (a bad amount, a stopped tracker): typed, nothing on the venue.
      this.deps.log.error('order not submitted', { pairSeq: this.pairSeq, leg: o.leg.leg, purpose: o.purpose, error: String(e) });
      return { kind: 'refused', reason: `not submitted: ${e instanceof Error ? e.message : String(e)}` };
    }
    // The tracker may have moved on (a fast stream) while submit resolved: keep the newest.
    const latest = this.deps.tracker.get(order.intent.clientOrderId) ?? order;
    this.orders.set(order.intent.clientOrderId, latest);
    this.wake.poke();
    return { kind: 'sent', order: latest };
  }

  /** Waits until the order is settled or the deadline passes (never past the entry's); returns
   *  the latest record. */
  async settle(clientOrderId: string, deadlineMono: number): Promise<TrackedOrder> {
    const o = await this.deps.tracker.waitFor(clientOrderId, settled, Math.min(deadlineMono, this.finalDeadlineMono));
    this.orders.set(clientOrderId, o);
    return o;
  }

  /** Waits for an IOC of this entry to settle, until `deadlineMono` (never past the entry's).
   *  An IOC normally settles within settings.hedgeAttemptTimeoutMs; a slower one (a send whose
   *  outcome is unknown, a venue down) is waited for, never re-sent. Once the in-flight checks
   *  call it lost, the tracker asks the venue for a verdict (tracker-verdict.ts: its fills and
   *  position), again every in-flight check interval: "never arrived" settles it unfilled. */
  async settleIoc(clientOrderId: string, deadlineMono: number): Promise<TrackedOrder> {
    const end = Math.min(deadlineMono, this.finalDeadlineMono);
    const o = await settleIoc(this.deps, clientOrderId, end, { usualWaitMs: this.settings.hedgeAttemptTimeoutMs, recheckMs: this.settings.inFlightCheckIntervalMs });
    this.orders.set(clientOrderId, o);
    this.wake.poke();
    return o;
  }

  /** Requests the cancel (gate 'cancel') unless the order is already closed. */
  async cancel(clientOrderId: string): Promise<void> {
    const o = this.latest(clientOrderId);
    if (o === undefined || isClosed(o.order.state) || o.order.state === 'pending-cancel') return;
    const verdict = this.deps.gate({ effect: 'cancel', venue: o.intent.venue, symbol: this.pair.symbol });
    if (!verdict.allowed) {
      this.deps.log.warn('cancel refused by the gate', { clientOrderId, reason: verdict.reason });
      return;
    }
    try {
      const r = await this.deps.tracker.cancel(clientOrderId);
      this.orders.set(clientOrderId, r);
    } catch (e) {
      // The order may have closed meanwhile (the tracker refuses a cancel of a closed order).
      this.deps.log.warn('cancel not sent', { clientOrderId, error: String(e) });
    }
  }

  close(): void {
    for (const off of this.offs.splice(0)) off();
  }

  private onFill(f: TrackedFill): void {
    if (f.intent.pairSeq !== this.pair.pairSeq) return;
    const key = `${f.intent.leg}:${f.intent.purpose}`;
    this.filled.set(key, addDecimal(this.filled.get(key) ?? '0', f.fill.size));
    this.wake.poke();
    this.onFillListeners.forEach((cb) => cb(f));
  }

  /** Fills of this pair, after the run's own sums are updated. */
  onPairFill(cb: (f: TrackedFill) => void): () => void {
    this.onFillListeners.add(cb);
    return () => this.onFillListeners.delete(cb);
  }
}
