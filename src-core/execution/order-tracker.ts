// The live order tracker (the OrderTracker contract, tracker-types.ts): the one place that sends
// orders. Each intent is written durably to the ledger before its one place() call; the send's
// outcome, the account stream and readbacks drive the order FSM (order-fsm.ts), whose every
// change is persisted; fills are recorded once in the ledger before anyone hears of them.
//
// Never re-sent: place() appears once in this file, in submit(), right after recordIntent made a
// new intent row (the ledger refuses a second row for the same client id). An unknown outcome is
// resolved by the in-flight checks (tracker-inflight.ts), a restart by restore(), never by a send.
import type { Clock } from '../domain/clock';
import type { VenueId } from '../domain/venue';
import type { IntentRecord } from '../ledger/types';
import type { LedgerRepo } from '../ledger/ledger-repo';
import type { Logger } from '../telemetry/log';
import type { AccountEvent, ActionOutcome, Fill, TradingPort } from '../venues/port';
import { checkInFlightConfig, type InFlightConfig } from './in-flight';
import { applyOrderEvent, isClosed, newOrder, type OrderEvent, type OrderRecord } from './order-fsm';
import { cancelOutcomeEvent, fillEvent, orderStateEvent, placeOutcomeEvent, restoreOrder } from './port-events';
import { snapshot, TrackerError, type Entry } from './tracker-entry';
import { FILL_FETCH_SKEW_MS, fillsOfOrder, intakeFill } from './tracker-fills';
import { FlightRunner } from './tracker-inflight';
import { judgeLostIoc } from './tracker-verdict';
import type { OrderTracker, SubmitRequest, TrackedFill, TrackedOrder } from './tracker-types';
import { compareDecimal, sumDecimals } from '../domain/decimal';

export { TrackerError } from './tracker-entry';

const SWEEP_ON_ENTERING: readonly OrderRecord['state'][] = ['canceled', 'expired', 'lost'];

export interface LiveOrderTrackerOptions {
  readonly ledger: LedgerRepo;
  readonly ports: Readonly<Record<VenueId, TradingPort>>;
  readonly clock: Clock;
  readonly inFlight: InFlightConfig;
  readonly log: Logger;
}

interface Waiter {
  readonly done: (o: TrackedOrder) => boolean;
  readonly resolve: (o: TrackedOrder) => void;
  readonly cancelTimer: () => void;
}

export class LiveOrderTracker implements OrderTracker {
  private readonly ledger: LedgerRepo;
  private readonly ports: Readonly<Record<VenueId, TradingPort>>;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly entries = new Map<string, Entry>();
  private readonly waiters = new Map<string, Set<Waiter>>();
  private readonly fillListeners = new Set<(f: TrackedFill) => void>();
  private readonly orderListeners = new Set<(o: TrackedOrder) => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private readonly flights: FlightRunner;
  private stopped = false;

  constructor(opts: LiveOrderTrackerOptions) {
    this.ledger = opts.ledger;
    this.ports = opts.ports;
    this.clock = opts.clock;
    this.log = opts.log;
    const config = checkInFlightConfig(opts.inFlight);
    this.flights = new FlightRunner({
      clock: this.clock,
      config,
      log: this.log,
      port: (e) => this.portOf(e.intent.venue),
      apply: (e, event, source) => this.apply(e, event, source),
      fetchMissingFills: (e) => this.fetchFills(e),
      recancel: (e) => void this.sendCancel(e),
      isStopped: () => this.stopped,
    });
    for (const [venue, port] of Object.entries(this.ports) as [VenueId, TradingPort][]) {
      this.unsubscribe.push(port.onAccount((event) => this.onAccount(venue, event)));
    }
  }

  async submit(req: SubmitRequest): Promise<TrackedOrder> {
    if (this.stopped) throw new TrackerError('stopped', 'the tracker is stopped');
    const port = this.portOf(req.intent.venue);
    // Durable before anything is sent; a refusal here (bad amount, duplicate id) sends nothing.
    // Persisted as submitted, in the intent's own commit, before the send: a stream event that
    // beats the REST reply finds it, and a restart treats it as possibly sent. The commit's sync
    // runs while the adapter signs; the adapter writes the order only once it is done (`durable`).
    const { intent, durable } = this.ledger.recordIntentToSend(req.pair, { ...req.intent, createdAtMs: this.clock.now(), txHash: null });
    // Awaited by the adapter; this keeps a refused sync from being an unhandled rejection when
    // the adapter refuses the order before it waits (a bad amount, an unknown market).
    durable.catch(() => undefined);
    if (this.entries.has(intent.clientOrderId)) throw new TrackerError('already-tracked', `order ${intent.clientOrderId} is already tracked`);
    // The same record the FSM makes of initialized + submit (the table's first row).
    const submitted = applyOrderEvent(newOrder(intent.clientOrderId, intent.size), { kind: 'submit' });
    if (!submitted.ok) throw new TrackerError('fsm-refused', `order ${intent.clientOrderId} could not be submitted`);
    const entry = this.track(intent, submitted.order, this.clock.monoNow());
    this.notify(entry);
    let outcome: ActionOutcome;
    try {
      outcome = await port.place({
        symbol: intent.symbol,
        side: intent.side,
        size: intent.size,
        price: intent.price,
        type: req.type,
        tif: intent.tif,
        reduceOnly: intent.reduceOnly,
        clientOrderId: intent.clientOrderId,
        ...(req.expiryMs === undefined ? {} : { expiryMs: req.expiryMs }),
      }, durable);
    } catch (err) {
      // The adapter threw instead of classifying: the request may have gone out.
      outcome = { kind: 'unknown', cause: err instanceof Error ? err.message : String(err), txHash: null };
    }
    // Stopped meanwhile (shutdown, or a test's crash): the next tracker resolves it from the
    // ledger; this one writes nothing more.
    if (this.stopped) return snapshot(entry);
    entry.placeReturned = true;
    if (outcome.kind === 'accepted') entry.ackAtMono = this.clock.monoNow();
    if (outcome.kind === 'unknown') this.log.warn('order send outcome unknown: resolving by query', { clientOrderId: intent.clientOrderId, venue: intent.venue, cause: outcome.cause });
    this.apply(entry, placeOutcomeEvent(outcome), 'place');
    // placeReturned changed what the flight rule says even when the outcome changed nothing.
    this.flights.review(entry);
    return snapshot(entry);
  }

  async cancel(clientOrderId: string): Promise<TrackedOrder> {
    if (this.stopped) throw new TrackerError('stopped', 'the tracker is stopped');
    const entry = this.entries.get(clientOrderId);
    if (entry === undefined) throw new TrackerError('unknown-order', `no tracked order ${clientOrderId}`);
    if (isClosed(entry.order.state)) return snapshot(entry);
    // A lost order may still rest: cancelling it is always safe, the FSM just keeps it lost.
    if (entry.order.state !== 'lost' && !this.apply(entry, { kind: 'cancel-requested' }, 'cancel')) {
      throw new TrackerError('not-cancelable', `order ${clientOrderId} cannot be cancelled in state ${entry.order.state}`);
    }
    await this.sendCancel(entry);
    return snapshot(entry);
  }

  async judgeLost(clientOrderId: string): Promise<TrackedOrder> {
    const e = this.entries.get(clientOrderId);
    if (e === undefined) throw new TrackerError('unknown-order', `no tracked order ${clientOrderId}`);
    if (this.stopped || e.order.state !== 'lost') return snapshot(e);
    const v = await judgeLostIoc(this.portOf(e.intent.venue), this.ledger, e);
    if (this.stopped) return snapshot(e);
    if (v.kind === 'never-arrived') {
      this.log.warn('lost order judged never arrived: rejected, nothing filled', { clientOrderId, venue: e.intent.venue, evidence: v.evidence });
      this.apply(e, { kind: 'reject', reason: 'never-arrived' }, 'verdict');
    } else {
      this.log.info('lost order: no verdict yet', { clientOrderId, venue: e.intent.venue, why: v.why });
    }
    return snapshot(e);
  }

  get(clientOrderId: string): TrackedOrder | undefined {
    const e = this.entries.get(clientOrderId);
    return e === undefined ? undefined : snapshot(e);
  }

  waitFor(clientOrderId: string, done: (o: TrackedOrder) => boolean, deadlineMono: number): Promise<TrackedOrder> {
    const e = this.entries.get(clientOrderId);
    if (e === undefined) return Promise.reject(new TrackerError('unknown-order', `no tracked order ${clientOrderId}`));
    const now = snapshot(e);
    if (done(now) || this.stopped || deadlineMono <= this.clock.monoNow()) return Promise.resolve(now);
    return new Promise((resolve) => {
      let set = this.waiters.get(clientOrderId);
      if (set === undefined) this.waiters.set(clientOrderId, (set = new Set()));
      const w: Waiter = {
        done,
        resolve,
        cancelTimer: this.clock.after(deadlineMono - this.clock.monoNow(), () => {
          set.delete(w);
          resolve(snapshot(e));
        }),
      };
      set.add(w);
    });
  }

  onFill(cb: (f: TrackedFill) => void): () => void {
    this.fillListeners.add(cb);
    return () => this.fillListeners.delete(cb);
  }

  onOrder(cb: (o: TrackedOrder) => void): () => void {
    this.orderListeners.add(cb);
    return () => this.orderListeners.delete(cb);
  }

  async restore(): Promise<readonly TrackedOrder[]> {
    if (this.stopped) throw new TrackerError('stopped', 'the tracker is stopped');
    const restored: Entry[] = [];
    const nowWall = this.clock.now();
    const nowMono = this.clock.monoNow();
    for (const intent of this.ledger.unresolvedIntents()) {
      if (this.entries.has(intent.clientOrderId)) continue;
      const e = this.load(intent);
      if (e === null) continue;
      // The send happened before the restart: its age on the wall clock is its age here, so the
      // threshold and the venue's grace are not waited out again.
      e.sentAtMono = nowMono - Math.max(0, nowWall - intent.createdAtMs);
      e.recheckLost = e.order.state === 'lost';
      restored.push(e);
    }
    // One readback each now (counted as the first check of its flight), then the flights go on.
    for (const e of restored) this.flights.review(e);
    await Promise.all(restored.map((e) => this.flights.query(e)));
    return restored.map(snapshot);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const off of this.unsubscribe.splice(0)) off();
    for (const e of this.entries.values()) this.flights.end(e);
    for (const [id, set] of this.waiters) {
      const e = this.entries.get(id);
      for (const w of set) {
        w.cancelTimer();
        if (e !== undefined) w.resolve(snapshot(e));
      }
    }
    this.waiters.clear();
  }

  // ---- events ------------------------------------------------------------------------------------

  private onAccount(venue: VenueId, event: AccountEvent): void {
    if (this.stopped) return;
    const receivedAtMono = this.clock.monoNow();
    try {
      switch (event.type) {
        case 'order': {
          const e = this.entryFor(event.order.clientOrderId, venue);
          if (e !== null) this.apply(e, orderStateEvent(event.order), 'stream');
          return;
        }
        case 'fill':
          this.onFillEvent(venue, event.fill, receivedAtMono);
          return;
        case 'stream':
          if (event.stream.state === 'resubscribed') this.readBackVenue(venue);
          else this.log.info('account stream down: orders are read back when it resubscribes', { venue, stream: event.stream.stream });
          return;
        default:
          return;
      }
    } catch (err) {
      this.log.error('account event not processed', { venue, type: event.type, error: err instanceof Error ? err.message : String(err) });
    }
  }

  private onFillEvent(venue: VenueId, fill: Fill, receivedAtMono: number): void {
    if (fill.venue !== venue) {
      this.log.error('fill from one venue on another venue’s stream (anomaly)', { venue, fillVenue: fill.venue, venueFillId: fill.venueFillId });
      return;
    }
    // Loaded before the ledger sees the fill, so a restored record does not count it twice.
    const entry = fill.clientOrderId === null ? null : this.entryFor(fill.clientOrderId, venue);
    // The FSM's answer first (pure), so the fill and the state it leads to share one commit.
    const next = entry === null ? null : applyOrderEvent(entry.order, fillEvent(fill));
    const stateAfter = entry !== null && next !== null && next.ok && next.changed ? { intentId: entry.intent.intentId, state: next.order, event: `fill:${next.key ?? 'fill'}`, atMs: this.clock.now() } : undefined;
    const r = intakeFill(this.ledger, this.log, fill, entry, stateAfter);
    if (r.kind !== 'new') return;
    if (next === null || !next.ok) {
      // The ledger holds it, so the money moved: users hear of it even if the FSM refuses it.
      this.log.error('fill recorded but refused by the order FSM (anomaly for reconciliation)', { clientOrderId: r.entry.intent.clientOrderId, state: r.entry.order.state, venueFillId: fill.venueFillId, error: next?.ok === false ? next.error.message : 'no order' });
    } else if (next.changed) {
      this.changed(r.entry, next.order);
    }
    this.emitFill({ intent: r.entry.intent, fill, receivedAtMono });
    this.notify(r.entry);
  }

  /** After a private stream came back: events may have been missed while it was down. */
  private readBackVenue(venue: VenueId): void {
    for (const e of this.entries.values()) {
      if (e.intent.venue === venue && e.placeReturned && !isClosed(e.order.state)) void this.flights.query(e);
    }
  }

  // ---- state -------------------------------------------------------------------------------------

  /** Applies, persists and notifies (on a change). False when the FSM refused the event. */
  private apply(e: Entry, event: OrderEvent, source: string): boolean {
    const r = this.transition(e, event, source);
    if (r === 'changed') this.notify(e);
    return r !== 'refused';
  }

  /** Applies and persists without notifying; the in-memory record changes only once the ledger
   *  holds it (a failed write leaves both as they were and propagates). */
  private transition(e: Entry, event: OrderEvent, source: string): 'changed' | 'same' | 'refused' {
    const r = applyOrderEvent(e.order, event);
    if (!r.ok) {
      this.log.warn('order event refused by the FSM', { clientOrderId: e.intent.clientOrderId, source, state: e.order.state, key: r.key, error: r.error.message });
      return 'refused';
    }
    if (!r.changed) return 'same';
    this.persist(e, r.order, `${source}:${r.key ?? event.kind}`);
    this.changed(e, r.order);
    return 'changed';
  }

  /** The in-memory record takes a change the ledger already holds. */
  private changed(e: Entry, next: OrderRecord): void {
    const before = e.order.state;
    e.order = next;
    // An order that ended without filling completely may still have fills the order stream did
    // not report (a ghost fill on cancel, venues.md; the sim's ghostFillOnCancel): look once.
    if (before !== e.order.state && SWEEP_ON_ENTERING.includes(e.order.state)) this.fetchFills(e);
  }

  private persist(e: Entry, next: OrderRecord, event: string): void {
    if (next.txHash !== null && e.intent.txHash !== next.txHash) {
      this.ledger.setIntentTxHash(e.intent.intentId, next.txHash);
      e.intent = { ...e.intent, txHash: next.txHash };
    }
    this.ledger.recordOrderState(e.intent.intentId, next, event, this.clock.now());
  }

  private notify(e: Entry): void {
    this.flights.review(e);
    const o = snapshot(e);
    for (const cb of this.orderListeners) {
      try {
        cb(o);
      } catch (err) {
        this.log.error('order listener threw', { error: err instanceof Error ? err.message : String(err) });
      }
    }
    const set = this.waiters.get(e.intent.clientOrderId);
    if (set === undefined) return;
    for (const w of set) {
      if (!w.done(o)) continue;
      set.delete(w);
      w.cancelTimer();
      w.resolve(o);
    }
  }

  private emitFill(f: TrackedFill): void {
    for (const cb of this.fillListeners) {
      try {
        cb(f);
      } catch (err) {
        this.log.error('fill listener threw', { error: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  private track(intent: IntentRecord, order: OrderRecord, sentAtMono: number): Entry {
    const e: Entry = { intent, order, sentAtMono, ackAtMono: null, placeReturned: false, recheckLost: false, flight: null, query: null, fillFetch: null, refetch: false, cancelsSent: 0 };
    this.entries.set(intent.clientOrderId, e);
    return e;
  }

  /** The tracked order, or one of ours the ledger knows (closed before a restart, late events),
   *  tracked from its stored record; null for an order that is not ours. */
  private entryFor(clientOrderId: string, venue: VenueId): Entry | null {
    const known = this.entries.get(clientOrderId);
    if (known !== undefined) return known.intent.venue === venue ? known : null;
    const intent = this.ledger.intentByClientOrderId(clientOrderId);
    if (intent === null || intent.venue !== venue) return null;
    return this.load(intent);
  }

  private load(intent: IntentRecord): Entry | null {
    const state = this.ledger.orderState(intent.intentId);
    if (state === null) return null;
    const fills = this.ledger.fillsOfIntent(intent.intentId);
    let order = restoreOrder(intent, state, fills);
    // A crash between a fill's write and its state's write leaves the state behind the fills:
    // the fills are the truth for what we applied.
    const sum = sumDecimals(fills.map((f) => f.size));
    if (compareDecimal(sum, order.filledSize) !== 0) {
      this.log.warn('stored filled size disagrees with the stored fills: using the fills', { clientOrderId: intent.clientOrderId, stored: order.filledSize, fills: sum });
      order = { ...order, filledSize: sum };
    }
    const e = this.track(intent, order, this.clock.monoNow());
    e.placeReturned = true;
    return e;
  }

  // ---- actions -----------------------------------------------------------------------------------

  private async sendCancel(e: Entry): Promise<void> {
    e.cancelsSent += 1;
    let outcome: ActionOutcome;
    try {
      outcome = await this.portOf(e.intent.venue).cancel(e.intent.symbol, e.intent.clientOrderId);
    } catch (err) {
      outcome = { kind: 'unknown', cause: err instanceof Error ? err.message : String(err), txHash: null };
    }
    if (this.stopped) return;
    const event = cancelOutcomeEvent(outcome);
    // Lighter's cancel tx hash is the cancel's, not the order's: keep the order's.
    if (event !== null) this.apply(e, event.kind === 'send-unknown' ? { ...event, txHash: null } : event, 'cancel');
  }

  /** Fetches the venue's fills of this order and takes in those we lack (ghost fills, fills
   *  missed while a stream was down). One fetch at a time per order. */
  private fetchFills(e: Entry): void {
    if (this.stopped) return;
    if (e.fillFetch !== null) {
      e.refetch = true;
      return;
    }
    const run = async (): Promise<void> => {
      try {
        const fills = await this.portOf(e.intent.venue).fills(e.intent.symbol, e.intent.createdAtMs - FILL_FETCH_SKEW_MS);
        if (this.stopped) return;
        const receivedAtMono = this.clock.monoNow();
        for (const f of fillsOfOrder(e, fills)) if (!e.order.fillIds.includes(f.venueFillId)) this.onFillEvent(e.intent.venue, f, receivedAtMono);
      } catch (err) {
        this.log.warn('fills fetch failed', { clientOrderId: e.intent.clientOrderId, venue: e.intent.venue, error: err instanceof Error ? err.message : String(err) });
      }
    };
    e.fillFetch = run().finally(() => {
      e.fillFetch = null;
      if (e.refetch) {
        e.refetch = false;
        this.fetchFills(e);
      }
    });
  }

  private portOf(venue: VenueId): TradingPort {
    const port = this.ports[venue];
    if (port === undefined) throw new TrackerError('no-port', `no trading port for ${venue}`);
    return port;
  }
}
