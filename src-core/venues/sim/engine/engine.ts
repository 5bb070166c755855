// The simulator's engine: one market model, a book per venue market, accounts and a matching
// engine per venue, and funding settled on the clock. Venue-neutral: the Lighter and Extended
// faces translate it into their wire protocols.
import type { VenueId } from '../../../domain/venue';
import { buildUniverse, commonSymbols, type SimMarket } from '../universe/universe';
import { applyFill, MICRO, SimAccount } from './accounts';
import { diffLevels, SyntheticBook } from './book';
import type { SimClock } from './clock';
import { MarketModel } from './market-model';
import { Rng } from './rng';
import { syntheticHistory } from './funding-history';
import { availableMicro, hasMargin, unrealizedMicro } from './margin';
import { validateOrder, validateSizePrice } from './validation';
import type { EngineFaultFlags, SimEngineOptions } from './engine-options';
import { EventBus } from './event-bus';
import { newOrder } from './orders';
import { payFunding } from './settlement';
import { takeLiquidity } from './matching';
import { liquidatePartially, type LiquidationRequest, type LiquidationResult } from './liquidation';
import type { EngineEvents, OrderRequest, PlaceResult, RejectCode, SimFill, SimOrder } from './types';

export type { EngineFaultFlags, SimEngineOptions } from './engine-options';

const SYSTEM_ORDER_BASE = 2 ** 48;

export class SimEngine {
  readonly clock: SimClock;
  readonly fundingIntervalMs: number;
  readonly stepMs: number;
  readonly model: MarketModel;
  readonly faults: EngineFaultFlags = {
    forcePostOnlyReject: { lighter: 0, extended: 0 },
    forcePartialFraction: { lighter: null, extended: null },
    ghostFillOnCancel: { lighter: 0, extended: 0 },
  };
  private readonly marketsByVenue: Record<VenueId, SimMarket[]>;
  private readonly marketIndex = new Map<string, SimMarket>();
  private readonly books = new Map<string, SyntheticBook>();
  private readonly accounts = new Map<string, SimAccount>();
  private readonly bus = new EventBus<EngineEvents>();
  private readonly settledHistory = new Map<string, { timeMs: number; hourlyRate: number }[]>();
  private readonly rng: Rng;
  private readonly seed: number;
  private nextOrderId = 1;
  private nextTradeId = 1;
  /** Time priority of resting orders; a modified order takes a fresh one. */
  private nextRestSeq = 1;
  private nextFundingId = 1;
  private stops: (() => void)[] = [];
  private lastStepMs: number;
  private readonly paymentScale: (venue: VenueId) => number;
  private readonly syntheticMarketCount: number;
  readonly startedAtMs: number;

  constructor(options: SimEngineOptions) {
    this.clock = options.clock;
    this.seed = options.seed ?? 1;
    this.rng = new Rng(this.seed);
    this.fundingIntervalMs = options.fundingIntervalMs ?? 3_600_000;
    this.stepMs = options.stepMs ?? 100;
    this.paymentScale = options.fundingPaymentScale ?? (() => 1);
    this.syntheticMarketCount = options.syntheticMarketCount ?? 0;
    const u = buildUniverse(this.syntheticMarketCount);
    this.marketsByVenue = { lighter: u.lighter, extended: u.extended };
    this.startedAtMs = this.clock.nowMs();
    this.lastStepMs = this.startedAtMs;
    this.model = new MarketModel(this.rng.fork('model'), [...u.lighter, ...u.extended], this.startedAtMs);
    for (const m of [...u.lighter, ...u.extended]) {
      const key = `${m.venue}:${m.symbol}`;
      this.marketIndex.set(key, m);
      const book = new SyntheticBook(m, this.rng.fork(key));
      book.regenerate(this.model.quote(m.venue, m.symbol).mid, 0);
      book.seq = 1;
      book.venueTimeMs = this.startedAtMs;
      this.books.set(key, book);
    }
  }

  /** Starts the model, book and settlement timers on the clock. */
  start(): void {
    if (this.stops.length > 0) return;
    this.stops.push(this.clock.every(this.stepMs, () => this.step()));
    const now = this.clock.nowMs();
    const firstSettlement = Math.ceil((now + 1) / this.fundingIntervalMs) * this.fundingIntervalMs;
    this.stops.push(
      this.clock.after(firstSettlement - now, () => {
        this.settleAll();
        this.stops.push(this.clock.every(this.fundingIntervalMs, () => this.settleAll()));
      }),
    );
  }

  stop(): void {
    for (const s of this.stops.splice(0)) s();
  }

  on<K extends keyof EngineEvents>(event: K, cb: (e: EngineEvents[K]) => void): () => void {
    return this.bus.on(event, cb);
  }

  private emit<K extends keyof EngineEvents>(event: K, payload: EngineEvents[K]): void {
    this.bus.emit(event, payload);
  }

  // ---- market data -------------------------------------------------------------------------

  markets(venue: VenueId): readonly SimMarket[] {
    return this.marketsByVenue[venue];
  }

  market(venue: VenueId, symbol: string): SimMarket | undefined {
    return this.marketIndex.get(`${venue}:${symbol}`);
  }

  commonSymbols(): string[] {
    return commonSymbols(this.syntheticMarketCount);
  }

  book(venue: VenueId, symbol: string): SyntheticBook {
    const b = this.books.get(`${venue}:${symbol}`);
    if (b === undefined) throw new Error(`unknown market ${venue}:${symbol}`);
    return b;
  }

  quote(venue: VenueId, symbol: string): { mid: number; mark: number; index: number } {
    return this.model.quote(venue, symbol);
  }

  funding(venue: VenueId, symbol: string): { predictedHourly: number; lastSettledHourly: number; lastSettlementMs: number; nextSettlementMs: number } {
    const f = this.model.fundingOf(venue, symbol);
    const now = this.clock.nowMs();
    return {
      predictedHourly: this.model.predictedHourly(venue, symbol),
      lastSettledHourly: f.lastSettledHourly,
      lastSettlementMs: f.lastSettlementMs,
      nextSettlementMs: Math.floor(now / this.fundingIntervalMs) * this.fundingIntervalMs + this.fundingIntervalMs,
    };
  }

  /** Settled rates, oldest first, for [fromMs, toMs]. Before the engine started, a deterministic
   *  synthetic history around the snapshot level stands in for the venue's archive; a settlement
   *  the engine made (settleAll, also one stamped at an earlier hour by a test) replaces the
   *  synthetic row of its hour, so the archive shows the rate every payment of that hour used, as
   *  a venue's does (the funding-unit tripwire compares the two). */
  fundingHistory(venue: VenueId, symbol: string, fromMs: number, toMs: number): { timeMs: number; hourlyRate: number }[] {
    const m = this.market(venue, symbol);
    if (m === undefined) return [];
    // The latest settlement of an hour stands (a test may settle an hour twice).
    const byTime = new Map<number, { timeMs: number; hourlyRate: number }>();
    for (const row of this.settledHistory.get(`${venue}:${symbol}`) ?? []) if (row.timeMs >= fromMs && row.timeMs <= toMs) byTime.set(row.timeMs, row);
    const settled = [...byTime.values()];
    const settledAt = new Set(byTime.keys());
    const out = syntheticHistory(this.seed, m, fromMs, Math.min(toMs, this.startedAtMs), this.fundingIntervalMs).filter((row) => !settledAt.has(row.timeMs));
    return [...out, ...settled].sort((a, b) => a.timeMs - b.timeMs);
  }

  // ---- the clock-driven model -----------------------------------------------------------------

  step(): void {
    const now = this.clock.nowMs();
    const dt = Math.max(1, now - this.lastStepMs);
    this.lastStepMs = now;
    this.model.step(dt);
    for (const book of this.books.values()) {
      const m = book.market;
      this.fillCrossedResting(book, this.model.quote(m.venue, m.symbol).mid);
      const prevBids = book.bids;
      const prevAsks = book.asks;
      if (book.regenerate(this.model.quote(m.venue, m.symbol).mid, dt)) {
        book.seq += 1;
        book.venueTimeMs = now;
        this.emit('book', { venue: m.venue, symbol: m.symbol, seq: book.seq, timeMs: now, bids: diffLevels(prevBids, book.bids), asks: diffLevels(prevAsks, book.asks) });
      }
    }
    this.expireOrders(now);
  }

  /** Resting orders that the moving market trades through are filled as makers. */
  private fillCrossedResting(book: SyntheticBook, mid: number): void {
    if (book.resting.length === 0) return;
    const midTicks = mid / book.tick;
    for (const r of [...book.resting]) {
      const crossed = r.isAsk ? midTicks > r.priceTicks : midTicks < r.priceTicks;
      if (!crossed) continue;
      const order = this.accounts.get(`${book.market.venue}:${r.accountId}`)?.orders.get(r.orderId);
      if (order === undefined || order.status !== 'open') continue;
      const maxSteps = Math.max(1, Math.round(r.remainingSteps * this.rng.between(0.3, 1)));
      this.executeFill(order, r.priceTicks, Math.min(maxSteps, r.remainingSteps), true);
    }
  }

  private expireOrders(now: number): void {
    for (const account of this.accounts.values()) {
      for (const o of account.orders.values()) {
        if (o.status === 'open' && o.expiryMs !== null && o.expiryMs <= now) this.finish(o, 'canceled', 'expired');
      }
    }
  }

  settleAll(): void {
    const now = Math.round(this.clock.nowMs() / this.fundingIntervalMs) * this.fundingIntervalMs;
    for (const venue of ['lighter', 'extended'] as const) {
      for (const m of this.marketsByVenue[venue]) {
        const rate = this.model.settle(venue, m.symbol, now);
        const key = `${venue}:${m.symbol}`;
        let h = this.settledHistory.get(key);
        if (h === undefined) {
          h = [];
          this.settledHistory.set(key, h);
        }
        h.push({ timeMs: now, hourlyRate: rate });
        this.emit('settlement', { venue, symbol: m.symbol, hourlyRate: rate, timeMs: now });
        for (const account of this.accounts.values()) {
          if (account.venue !== venue) continue;
          const payment = payFunding(account, m, rate, this.model.quote(venue, m.symbol).mark, this.paymentScale(venue), now, () => this.nextFundingId++);
          if (payment === null) continue;
          this.emit('fundingPayment', payment);
          this.emit('balance', { venue, accountId: account.id });
        }
      }
    }
  }

  // ---- accounts and orders ---------------------------------------------------------------------

  createAccount(venue: VenueId, id: string, collateralUsd: number, tier: 'standard' | 'premium' = 'premium'): SimAccount {
    const a = new SimAccount(venue, id, Math.round(collateralUsd * MICRO), tier);
    this.accounts.set(`${venue}:${id}`, a);
    return a;
  }

  account(venue: VenueId, id: string): SimAccount | undefined {
    return this.accounts.get(`${venue}:${id}`);
  }

  private reject(code: RejectCode, message: string): PlaceResult {
    return { ok: false, code, message };
  }

  /** Static validation, as the venue does synchronously before accepting an order. */
  validate(venue: VenueId, req: OrderRequest): { code: RejectCode; message: string } | null {
    return validateOrder(this, venue, req);
  }

  /** Market, grid, minimum size and notional, price band: the checks a new or modified order shares. */
  validateSizePrice(venue: VenueId, symbol: string, sizeSteps: number, priceTicks: number): { code: RejectCode; message: string } | null {
    return validateSizePrice(this, venue, symbol, sizeSteps, priceTicks);
  }

  /** Validates and executes an order. Matching-time outcomes (post-only would-cross, reduce-only,
   *  margin, IOC remainder) are accepted orders that end canceled with a reason, as on both venues. */
  place(venue: VenueId, req: OrderRequest): PlaceResult {
    const invalid = this.validate(venue, req);
    if (invalid !== null) return this.reject(invalid.code, invalid.message);
    const account = this.account(venue, req.accountId)!;
    const m = this.market(venue, req.symbol)!;
    const price = req.priceTicks * Number(m.tickSize);
    const now = this.clock.nowMs();

    const order = newOrder(venue === 'lighter' ? SYSTEM_ORDER_BASE + this.nextOrderId++ : this.nextOrderId++, venue, req, now);
    account.orders.set(order.orderId, order);

    const pos = account.position(req.symbol);
    if (req.reduceOnly && (pos.steps === 0 || (pos.steps > 0) !== req.isAsk || req.sizeSteps > Math.abs(pos.steps))) {
      return this.finish(order, 'canceled', 'reduce-only');
    }
    if (!req.reduceOnly && !hasMargin(this, account, m, req, price)) return this.finish(order, 'canceled', 'margin');
    return this.match(order);
  }

  /** Matches an open order against the book as taker (or cancels a crossing post-only), then rests what is left. */
  private match(order: SimOrder): PlaceResult {
    const venue = order.venue;
    const book = this.book(venue, order.symbol);
    const bestOpp = order.isAsk ? book.bestBid() : book.bestAsk();
    const crosses = bestOpp !== null && (order.isAsk ? order.priceTicks <= bestOpp : order.priceTicks >= bestOpp);
    if (order.tif === 'post_only') {
      if (crosses || this.faults.forcePostOnlyReject[venue] > 0) {
        if (!crosses) this.faults.forcePostOnlyReject[venue] -= 1;
        return this.finish(order, 'canceled', 'post-only');
      }
    } else if (crosses) {
      const stp = takeLiquidity(this, order, book);
      if (stp) return this.finish(order, 'canceled', 'self-trade');
    }
    if (order.status !== 'open') return { ok: true, order };
    if (order.tif === 'ioc') return this.finish(order, 'canceled', order.filledSteps > 0 ? 'ioc-remainder' : 'not-enough-liquidity');
    book.resting.push({ orderId: order.orderId, accountId: order.accountId, isAsk: order.isAsk, priceTicks: order.priceTicks, remainingSteps: order.sizeSteps - order.filledSteps, seq: this.nextRestSeq++ });
    this.emit('order', order);
    return { ok: true, order };
  }

  /** Changes an open order's total size and price in place: same order id and client id, new
   *  time priority, matched again if it now crosses. A size at or below the filled part is
   *  refused. Margin is not re-checked (the simulator's simplification). */
  modify(venue: VenueId, accountId: string, ref: { orderId?: number; clientId?: string }, change: { sizeSteps: number; priceTicks: number }): PlaceResult {
    const account = this.account(venue, accountId);
    if (account === undefined) return this.reject('unknown-account', 'unknown account');
    const order = ref.orderId !== undefined ? account.orders.get(ref.orderId) : ref.clientId !== undefined ? account.findByClientId(ref.clientId) : undefined;
    if (order === undefined || order.status !== 'open') return this.reject('unknown-order', 'order not found or not active');
    const invalid = this.validateSizePrice(venue, order.symbol, change.sizeSteps, change.priceTicks);
    if (invalid !== null) return this.reject(invalid.code, invalid.message);
    if (change.sizeSteps <= order.filledSteps) return this.reject('invalid-size', 'new size is not above the filled size');
    const book = this.book(venue, order.symbol);
    const i = book.resting.findIndex((r) => r.orderId === order.orderId);
    if (i >= 0) book.resting.splice(i, 1);
    order.sizeSteps = change.sizeSteps;
    order.priceTicks = change.priceTicks;
    order.updatedMs = this.clock.nowMs();
    return this.match(order);
  }

  /** Equity minus initial margin of positions and open orders, in micro-USD. */
  availableMicro(account: SimAccount): number {
    return availableMicro(this, account);
  }

  unrealizedMicro(account: SimAccount, symbol: string): number {
    return unrealizedMicro(this, account, symbol);
  }

  /** Books one fill of `order` (engine-internal: used by matching.ts too). */
  executeFill(order: SimOrder, priceTicks: number, steps: number, isMaker: boolean): SimFill {
    const m = this.market(order.venue, order.symbol)!;
    const account = this.account(order.venue, order.accountId)!;
    const now = this.clock.nowMs();
    const price = priceTicks * Number(m.tickSize);
    const size = steps * Number(m.stepSize);
    const rate = isMaker ? m.makerFeeRate : m.takerFeeRate;
    const feeMicro = Math.round(price * size * rate * MICRO);
    const realized = applyFill(account.position(order.symbol), !order.isAsk, steps, price, Number(m.stepSize));
    account.collateralMicro += realized - feeMicro;
    order.filledSteps += steps;
    order.filledQuoteUsd += price * size;
    order.updatedMs = now;
    const fill: SimFill = { tradeId: this.nextTradeId++, venue: order.venue, accountId: order.accountId, symbol: order.symbol, orderId: order.orderId, clientId: order.clientId, isAsk: order.isAsk, priceTicks, sizeSteps: steps, price, size, feeMicro, isMaker, timeMs: now, tradeType: 'trade' };
    account.fills.push(fill);
    const book = this.book(order.venue, order.symbol);
    const resting = book.resting.find((r) => r.orderId === order.orderId);
    if (resting !== undefined) resting.remainingSteps -= steps;
    if (order.filledSteps >= order.sizeSteps) {
      order.status = 'filled';
      const i = book.resting.findIndex((r) => r.orderId === order.orderId);
      if (i >= 0) book.resting.splice(i, 1);
    }
    this.emit('fill', fill);
    this.emit('order', order);
    this.emit('position', { venue: order.venue, accountId: order.accountId, symbol: order.symbol });
    this.emit('balance', { venue: order.venue, accountId: order.accountId });
    return fill;
  }

  /** Ends an order with a reason (engine-internal: used by matching.ts too). */
  finish(order: SimOrder, status: 'canceled', reason: SimOrder['reason']): PlaceResult {
    order.status = status;
    order.reason = reason;
    order.updatedMs = this.clock.nowMs();
    const book = this.book(order.venue, order.symbol);
    const i = book.resting.findIndex((r) => r.orderId === order.orderId);
    if (i >= 0) book.resting.splice(i, 1);
    this.emit('order', order);
    return { ok: true, order };
  }

  /** Cancels by venue order id or client id. A ghost-fill fault fills the order first. */
  cancel(venue: VenueId, accountId: string, ref: { orderId?: number; clientId?: string }): { ok: true; order: SimOrder } | { ok: false; code: RejectCode } {
    const account = this.account(venue, accountId);
    if (account === undefined) return { ok: false, code: 'unknown-account' };
    const order = ref.orderId !== undefined ? account.orders.get(ref.orderId) : ref.clientId !== undefined ? account.findByClientId(ref.clientId) : undefined;
    if (order === undefined || order.status !== 'open') return { ok: false, code: 'unknown-order' };
    if (this.faults.ghostFillOnCancel[venue] > 0) {
      this.faults.ghostFillOnCancel[venue] -= 1;
      // The position changes, yet the order is reported plainly canceled (no fill event first
      // on the order stream): only position/fill readback reveals it.
      this.executeFill({ ...order }, order.priceTicks, order.sizeSteps - order.filledSteps, true);
    }
    this.finish(order, 'canceled', 'user');
    return { ok: true, order };
  }

  cancelAll(venue: VenueId, accountId: string, symbol?: string): number {
    const account = this.account(venue, accountId);
    if (account === undefined) return 0;
    const open = account.openOrders(symbol);
    for (const o of open) this.finish(o, 'canceled', 'user');
    return open.length;
  }

  /** Fault: the venue liquidates part of a position at the mark (engine/liquidation.ts). */
  liquidatePartially(req: LiquidationRequest): LiquidationResult {
    return liquidatePartially(
      {
        market: (v, s) => this.market(v, s),
        account: (v, id) => this.account(v, id),
        quote: (v, s) => this.quote(v, s),
        nowMs: () => this.clock.nowMs(),
        takeIds: (v) => ({ tradeId: this.nextTradeId++, orderId: v === 'lighter' ? SYSTEM_ORDER_BASE + this.nextOrderId++ : this.nextOrderId++ }),
        emit: (event, payload) => this.emit(event, payload),
      },
      req,
    );
  }

  setLeverage(venue: VenueId, accountId: string, symbol: string, leverage: number): { ok: true } | { ok: false; code: RejectCode } {
    const account = this.account(venue, accountId);
    const m = this.market(venue, symbol);
    if (account === undefined) return { ok: false, code: 'unknown-account' };
    if (m === undefined) return { ok: false, code: 'unknown-market' };
    if (!(leverage >= 1 && leverage <= m.maxLeverage)) return { ok: false, code: 'invalid-leverage' };
    account.leverage.set(symbol, leverage);
    this.emit('position', { venue, accountId, symbol });
    return { ok: true };
  }
}
