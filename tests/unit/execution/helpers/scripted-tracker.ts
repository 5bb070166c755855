// A scripted order tracker for the executor's unit tests: the OrderTracker contract over the REAL
// order state machine and the REAL ledger (SQLite), with the venue replaced by a script the test
// writes (what each submitted order does: rest, fill, end). Time is a manual monotonic clock whose
// timers fire when the test advances it. Sockets and adapters are the integration tests' job
// (tests/integration/execution); this is for exact, fast pins of the executor's decisions.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Clock } from '../../../../src-core/domain/clock';
import { applyOrderEvent, isClosed, newOrder, type OrderEvent } from '../../../../src-core/execution/order-fsm';
import type { OrderTracker, SubmitRequest, TrackedFill, TrackedOrder } from '../../../../src-core/execution/tracker-types';
import type { ExecutionVenue } from '../../../../src-core/execution/entry-types';
import { LedgerRepo } from '../../../../src-core/ledger/ledger-repo';
import { openLedgerDatabase, openStore } from '../../../../src-core/store/db';
import type { ActionOutcome, L2Book, MarketMeta, OrderEndReason, RejectReason } from '../../../../src-core/venues/port';
import type { VenueId } from '../../../../src-core/domain/venue';
import { tempDir } from '../../../helpers/tmp';

export interface ManualClock extends Clock {
  advance(ms: number): void;
}

export function manualClock(): ManualClock {
  let t = 0;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => 1_700_000_000_000 + t,
    monoNow: () => t,
    after(ms, fn) {
      const timer = { at: t + Math.max(0, ms), fn };
      timers.push(timer);
      return () => {
        timers = timers.filter((x) => x !== timer);
      };
    },
    advance(ms) {
      const end = t + ms;
      for (;;) {
        const next = timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
        if (next === undefined) break;
        timers = timers.filter((x) => x !== next);
        t = next.at;
        next.fn();
      }
      t = end;
    },
  };
}

/** Lets every promise continuation that is ready run (several macrotask turns). */
export async function flush(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i += 1) await new Promise((r) => setImmediate(r));
}

/** What the scripted venue does with an order the moment it is submitted. */
export type Script = (o: TrackedOrder, t: ScriptedTracker) => void;

export class ScriptedTracker implements OrderTracker {
  readonly submitted: SubmitRequest[] = [];
  private readonly entries = new Map<string, TrackedOrder>();
  private readonly fillCbs = new Set<(f: TrackedFill) => void>();
  private readonly orderCbs = new Set<(o: TrackedOrder) => void>();
  private readonly waiters = new Set<{ id: string; done: (o: TrackedOrder) => boolean; resolve: (o: TrackedOrder) => void; cancel: () => void }>();
  private fillSeq = 0;
  /** The script run on each submit; a test may swap it at any time. */
  script: Script = () => undefined;
  /** What a cancel does: by default the order ends canceled-by-us at once. */
  onCancel: (o: TrackedOrder, t: ScriptedTracker) => void = (o, t) => t.end(o.intent.clientOrderId, 'canceled-by-us');

  constructor(
    readonly ledger: LedgerRepo,
    readonly clock: ManualClock,
  ) {}

  /** False: a submitted order stays unacknowledged (submitted) until the test calls `accept`. */
  acceptOnSubmit = true;

  /** Runs before each submit is applied: a test may hold it (a slow venue) while it moves time. */
  beforeSubmit: (req: SubmitRequest) => Promise<void> = async () => undefined;

  async submit(req: SubmitRequest): Promise<TrackedOrder> {
    await this.beforeSubmit(req);
    this.submitted.push(req);
    const intent = this.ledger.recordIntent(req.pair, { ...req.intent, createdAtMs: this.clock.now(), txHash: null });
    let order = newOrder(intent.clientOrderId, intent.size);
    order = this.step(order, { kind: 'submit' });
    if (this.acceptOnSubmit) order = this.step(order, { kind: 'accept', stage: 'live', venueOrderId: `v${intent.intentId}`, txHash: null });
    const o: TrackedOrder = { intent, order, sentAtMono: this.clock.monoNow() };
    this.put(o);
    this.script(o, this);
    return this.get(intent.clientOrderId)!;
  }

  async cancel(clientOrderId: string): Promise<TrackedOrder> {
    const o = this.entries.get(clientOrderId)!;
    if (isClosed(o.order.state)) return o;
    this.put({ ...o, order: this.step(o.order, { kind: 'cancel-requested' }) });
    this.onCancel(this.get(clientOrderId)!, this);
    return this.get(clientOrderId)!;
  }

  /** A test sets what the verdict on a lost order is (by default: none). */
  verdict: (o: TrackedOrder) => 'never-arrived' | null = () => null;

  async judgeLost(clientOrderId: string): Promise<TrackedOrder> {
    const o = this.entries.get(clientOrderId)!;
    if (o.order.state === 'lost' && this.verdict(o) === 'never-arrived') this.put({ ...o, order: this.step(o.order, { kind: 'reject', reason: 'never-arrived' }) });
    return this.get(clientOrderId)!;
  }

  get(clientOrderId: string): TrackedOrder | undefined {
    return this.entries.get(clientOrderId);
  }

  waitFor(clientOrderId: string, done: (o: TrackedOrder) => boolean, deadlineMono: number): Promise<TrackedOrder> {
    const now = this.entries.get(clientOrderId)!;
    if (done(now) || deadlineMono <= this.clock.monoNow()) return Promise.resolve(now);
    return new Promise((resolve) => {
      const w = {
        id: clientOrderId,
        done,
        resolve,
        cancel: this.clock.after(deadlineMono - this.clock.monoNow(), () => {
          this.waiters.delete(w);
          resolve(this.entries.get(clientOrderId)!);
        }),
      };
      this.waiters.add(w);
    });
  }

  onFill(cb: (f: TrackedFill) => void): () => void {
    this.fillCbs.add(cb);
    return () => this.fillCbs.delete(cb);
  }

  onOrder(cb: (o: TrackedOrder) => void): () => void {
    this.orderCbs.add(cb);
    return () => this.orderCbs.delete(cb);
  }

  async restore(): Promise<readonly TrackedOrder[]> {
    return [];
  }

  stop(): void {}

  /** Fill and order listeners still subscribed (a finished run unsubscribes its own). */
  get listenerCount(): number {
    return this.fillCbs.size + this.orderCbs.size;
  }

  // ---- the script's verbs ------------------------------------------------------------------------

  /** A fill of `size` at `price` (fee 0.0001 USD), durable in the ledger first. */
  fill(clientOrderId: string, size: string, price: string, feeUsd = '0.0001'): void {
    const o = this.entries.get(clientOrderId)!;
    this.fillSeq += 1;
    const fill = { venue: o.intent.venue, symbol: o.intent.symbol, venueFillId: `f${this.fillSeq}`, venueOrderId: `v${o.intent.intentId}`, clientOrderId, side: o.intent.side, size, price, feeUsd, isMaker: o.intent.tif === 'post_only', timeMs: this.clock.now() };
    this.ledger.recordFill(fill);
    const next = { ...o, order: this.step(o.order, { kind: 'fill', venueFillId: fill.venueFillId, size }) };
    this.put(next, false);
    for (const cb of this.fillCbs) cb({ intent: o.intent, fill, receivedAtMono: this.clock.monoNow() });
    this.notify(next);
  }

  /** The order ends on the venue (an IOC's remainder, a cancel, a post-only refusal). */
  end(clientOrderId: string, reason: OrderEndReason): void {
    const o = this.entries.get(clientOrderId)!;
    this.put({ ...o, order: this.step(o.order, { kind: 'canceled', reason }) });
  }

  /** The venue's late acknowledgement of an order left unacknowledged (acceptOnSubmit false). */
  accept(clientOrderId: string): void {
    const o = this.entries.get(clientOrderId)!;
    this.put({ ...o, order: this.step(o.order, { kind: 'accept', stage: 'live', venueOrderId: `v${o.intent.intentId}`, txHash: null }) });
  }

  reject(clientOrderId: string, reason: RejectReason = 'post-only-would-cross'): void {
    const o = this.entries.get(clientOrderId)!;
    this.put({ ...o, order: this.step(o.order, { kind: 'reject', reason }) });
  }

  /** The in-flight checks gave up on it (not found past the grace, maxRetries times). */
  lose(clientOrderId: string): void {
    const o = this.entries.get(clientOrderId)!;
    this.put({ ...o, order: this.step(o.order, { kind: 'lost' }) });
  }

  ordersOf(filter: (o: TrackedOrder) => boolean = () => true): TrackedOrder[] {
    return [...this.entries.values()].filter(filter);
  }

  private step(order: TrackedOrder['order'], e: OrderEvent): TrackedOrder['order'] {
    const r = applyOrderEvent(order, e);
    if (!r.ok) throw r.error;
    return r.order;
  }

  private put(o: TrackedOrder, notify = true): void {
    this.entries.set(o.intent.clientOrderId, o);
    if (notify) this.notify(o);
  }

  private notify(o: TrackedOrder): void {
    for (const cb of this.orderCbs) cb(o);
    for (const w of [...this.waiters]) {
      if (w.id === o.intent.clientOrderId && w.done(o)) {
        this.waiters.delete(w);
        w.cancel();
        w.resolve(o);
      }
    }
  }
}

export function meta(venue: VenueId, over: Partial<MarketMeta> = {}): MarketMeta {
  return {
    venue,
    symbol: 'ETH',
    venueMarket: venue === 'lighter' ? 'ETH' : 'ETH-USD',
    marketIndex: venue === 'lighter' ? 0 : null,
    tickSize: '0.01',
    stepSize: venue === 'lighter' ? '0.001' : '0.01',
    minSize: venue === 'lighter' ? '0.001' : '0.01',
    minNotionalUsd: '10',
    maxLeverage: 20,
    makerFeeRate: 0.00002,
    takerFeeRate: 0.0002,
    fundingIntervalHours: 1,
    status: 'active',
    ...over,
  };
}

/** A venue whose book the test sets; balance and leverage answer at once. */
export class StaticVenue implements ExecutionVenue {
  private cbs = new Set<(b: L2Book) => void>();
  private current: L2Book;
  leverageCalls: number[] = [];
  availableUsd = '100000';
  fresh = true;

  constructor(
    readonly meta: MarketMeta,
    bid: number,
    ask: number,
  ) {
    this.current = this.makeBook(bid, ask);
  }

  setBook(bid: number | null, ask: number | null): void {
    this.current = this.makeBook(bid, ask);
    for (const cb of this.cbs) cb(this.current);
  }

  market(symbol: string): MarketMeta | undefined {
    return symbol === this.meta.symbol ? this.meta : undefined;
  }
  book(symbol: string): L2Book | undefined {
    return symbol === this.meta.symbol ? { ...this.current, fresh: this.fresh } : undefined;
  }
  onBook(cb: (b: L2Book) => void): () => void {
    this.cbs.add(cb);
    return () => this.cbs.delete(cb);
  }
  async balance(): Promise<{ venue: VenueId; collateralUsd: string; equityUsd: string; availableUsd: string }> {
    return { venue: this.meta.venue, collateralUsd: this.availableUsd, equityUsd: this.availableUsd, availableUsd: this.availableUsd };
  }
  async setLeverage(_symbol: string, leverage: number): Promise<ActionOutcome> {
    this.leverageCalls.push(leverage);
    return { kind: 'accepted', stage: 'live', venueOrderId: null, txHash: null, ackAtMs: 0 };
  }

  private makeBook(bid: number | null, ask: number | null): L2Book {
    return { venue: this.meta.venue, symbol: this.meta.symbol, bids: bid === null ? [] : [{ price: bid, size: 100 }], asks: ask === null ? [] : [{ price: ask, size: 100 }], venueSeq: 1, venueTimeMs: 0, receivedAtMs: 0, fresh: true, staleReason: null };
  }
}

export interface Bench {
  readonly clock: ManualClock;
  /** The ledger's database (for the read side: LedgerQueries). */
  readonly db: Database.Database;
  readonly ledger: LedgerRepo;
  readonly tracker: ScriptedTracker;
  readonly venues: { lighter: StaticVenue; extended: StaticVenue };
  readonly cleanup: () => void;
}

/** ETH at 2000.00 / 2000.10 on Lighter (the maker, 0.001 step) and 2000.00 / 2000.10 on Extended. */
export function bench(): Bench {
  const t = tempDir();
  const main = openStore({ dataDir: t.dir, mode: 'sim' });
  const db = openLedgerDatabase(join(t.dir, 'sim.db'));
  const ledger = new LedgerRepo(db);
  const clock = manualClock();
  return {
    clock,
    db,
    ledger,
    tracker: new ScriptedTracker(ledger, clock),
    venues: { lighter: new StaticVenue(meta('lighter'), 2000, 2000.1), extended: new StaticVenue(meta('extended'), 2000, 2000.1) },
    cleanup: () => {
      db.close();
      main.close();
      t.cleanup();
    },
  };
}
