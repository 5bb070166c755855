// The simulator's engine: one market model, a book per venue market, accounts and a matching
// engine per venue, and funding settled on the clock. Venue-neutral: the Lighter and Extended
// faces translate it into their wire protocols.
import type { VenueId } from '../../../domain/venue';
import { buildUniverse, commonSymbols, type SimMarket } from '../universe/universe';
import { applyFill, MICRO, SimAccount } from './accounts';
import { diffLevels, SyntheticBook, type Level } from './book';
import type { SimClock } from './clock';
import { MarketModel } from './market-model';
import { hashSeed, Rng } from './rng';
import type { EngineEvents, OrderRequest, PlaceResult, RejectCode, SimFill, SimOrder } from './types';

export interface SimEngineOptions {
  readonly clock: SimClock;
  readonly seed?: number;
  /** Funding settlement interval (both venues settle hourly). */
  readonly fundingIntervalMs?: number;
  /** Model and book update cadence. */
  readonly stepMs?: number;
  /** Multiplies funding cash (not the published rate): the payment-unit fault in faults/. */
  readonly fundingPaymentScale?: (venue: VenueId) => number;
}

type Listener<K extends keyof EngineEvents> = (e: EngineEvents[K]) => void;

/** Engine-level faults; network-level faults live in faults/. */
export interface EngineFaultFlags {
  /** Next N post-only orders per venue are cancelled as would-cross even when they would not. */
  forcePostOnlyReject: Record<VenueId, number>;
  /** Next N taker orders per venue fill at most this fraction, the rest cancelled. */
  forcePartialFraction: Record<VenueId, number | null>;
  /** Next N cancels per venue report the order canceled but fill it first (a ghost fill). */
  ghostFillOnCancel: Record<VenueId, number>;
}

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
  private readonly listeners = new Map<string, Set<(e: unknown) => void>>();
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
  readonly startedAtMs: number;

  constructor(options: SimEngineOptions) {
    this.clock = options.clock;
    this.seed = options.seed ?? 1;
    this.rng = new Rng(this.seed);
    this.fundingIntervalMs = options.fundingIntervalMs ?? 3_600_000;
    this.stepMs = options.stepMs ?? 100;
    this.paymentScale = options.fundingPaymentScale ?? (() => 1);
    const u = buildUniverse();
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

  on<K extends keyof EngineEvents>(event: K, cb: Listener<K>): () => void {
    let set = this.listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(cb as (e: unknown) => void);
    return () => set.delete(cb as (e: unknown) => void);
  }

  private emit<K extends keyof EngineEvents>(event: K, payload: EngineEvents[K]): void {
    for (const cb of this.listeners.get(event) ?? []) cb(payload);
  }

  // ---- market data -------------------------------------------------------------------------

  markets(venue: VenueId): readonly SimMarket[] {
    return this.marketsByVenue[venue];
  }

  market(venue: VenueId, symbol: string): SimMarket | undefined {
    return this.marketIndex.get(`${venue}:${symbol}`);
  }

  commonSymbols(): string[] {
    return commonSymbols();
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
   *  synthetic history around the snapshot level stands in for the venue's archive. */
  fundingHistory(venue: VenueId, symbol: string, fromMs: number, toMs: number): { timeMs: number; hourlyRate: number }[] {
    const m = this.market(venue, symbol);
    if (m === undefined) return [];
    const out: { timeMs: number; hourlyRate: number }[] = [];
    const first = Math.ceil(fromMs / this.fundingIntervalMs) * this.fundingIntervalMs;
    for (let t = first; t <= toMs && t <= this.startedAtMs; t += this.fundingIntervalMs) {
      const r = new Rng(hashSeed(`${this.seed}:${venue}:${symbol}:${t}`));
      const wave = Math.sin(t / (this.fundingIntervalMs * 37)) * Math.abs(m.seedHourlyRate) * 0.8;
      out.push({ timeMs: t, hourlyRate: m.seedHourlyRate + wave + r.normal() * 0.000015 });
    }
    for (const row of this.settledHistory.get(`${venue}:${symbol}`) ?? []) if (row.timeMs >= fromMs && row.timeMs <= toMs && row.timeMs > this.startedAtMs) out.push(row);
    return out;
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
          const pos = account.positions.get(m.symbol);
          if (pos === undefined || pos.steps === 0) continue;
          const size = pos.steps * Number(m.stepSize);
          const mark = this.model.quote(venue, m.symbol).mark;
          // Longs pay shorts when the rate is positive: cash = -size × mark × rate.
          const changeMicro = -Math.round(size * mark * rate * this.paymentScale(venue) * MICRO);
          account.collateralMicro += changeMicro;
          const payment = { id: this.nextFundingId++, venue, accountId: account.id, symbol: m.symbol, timeMs: now, hourlyRate: rate, positionSize: size, markPrice: mark, changeMicro };
          account.fundingPayments.push(payment);
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
    const account = this.account(venue, req.accountId);
    if (account === undefined) return { code: 'unknown-account', message: 'unknown account' };
    const invalid = this.validateSizePrice(venue, req.symbol, req.sizeSteps, req.priceTicks);
    if (invalid !== null) return invalid;
    if (req.expiryMs !== null && req.expiryMs <= this.clock.nowMs()) return { code: 'invalid-expiry', message: 'expiry is in the past' };
    const existing = account.findByClientId(req.clientId);
    if (existing !== undefined && (venue === 'extended' || existing.status === 'open')) return { code: 'duplicate-client-id', message: `client order id ${req.clientId} exists` };
    return null;
  }

  /** Market, grid, minimum size and notional, price band: the checks a new or modified order shares. */
  validateSizePrice(venue: VenueId, symbol: string, sizeSteps: number, priceTicks: number): { code: RejectCode; message: string } | null {
    const m = this.market(venue, symbol);
    if (m === undefined) return { code: 'unknown-market', message: `unknown market ${symbol}` };
    if (!Number.isSafeInteger(sizeSteps) || sizeSteps <= 0) return { code: 'invalid-size', message: 'size is not a positive multiple of the step' };
    if (!Number.isSafeInteger(priceTicks) || priceTicks <= 0) return { code: 'invalid-price', message: 'price is not a positive multiple of the tick' };
    const size = sizeSteps * Number(m.stepSize);
    const price = priceTicks * Number(m.tickSize);
    if (size + 1e-12 < Number(m.minSize)) return { code: 'below-min-size', message: `size below minimum ${m.minSize}` };
    if (size * price + 1e-9 < Number(m.minNotionalUsd)) return { code: 'below-min-notional', message: `notional below minimum ${m.minNotionalUsd}` };
    const mark = this.model.quote(venue, symbol).mark;
    if (Math.abs(price - mark) / mark > m.priceBandFraction) return { code: 'price-band', message: `price ${price} is too far from mark ${mark.toPrecision(6)}` };
    return null;
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

    const order: SimOrder = {
      orderId: venue === 'lighter' ? SYSTEM_ORDER_BASE + this.nextOrderId++ : this.nextOrderId++,
      venue,
      accountId: req.accountId,
      clientId: req.clientId,
      symbol: req.symbol,
      isAsk: req.isAsk,
      priceTicks: req.priceTicks,
      sizeSteps: req.sizeSteps,
      type: req.type,
      tif: req.type === 'market' ? 'ioc' : req.tif,
      reduceOnly: req.reduceOnly,
      createdMs: now,
      expiryMs: req.expiryMs,
      filledSteps: 0,
      filledQuoteUsd: 0,
      status: 'open',
      reason: null,
      updatedMs: now,
    };
    account.orders.set(order.orderId, order);

    const pos = account.position(req.symbol);
    if (req.reduceOnly && (pos.steps === 0 || (pos.steps > 0) !== req.isAsk || req.sizeSteps > Math.abs(pos.steps))) {
      return this.finish(order, 'canceled', 'reduce-only');
    }
    if (!req.reduceOnly && !this.hasMargin(account, m, req, price)) return this.finish(order, 'canceled', 'margin');
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
      const stp = this.take(order, book);
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

  /** Walks the opposite side as taker. Returns true if Extended-style self-trade protection stopped it. */
  private take(order: SimOrder, book: SyntheticBook): boolean {
    const levels: readonly Level[] = order.isAsk ? book.bids : book.asks;
    let remaining = order.sizeSteps - order.filledSteps;
    const partial = this.faults.forcePartialFraction[order.venue];
    if (partial !== null) {
      remaining = Math.max(1, Math.floor(order.sizeSteps * partial));
      this.faults.forcePartialFraction[order.venue] = null;
    }
    for (const [priceTicks] of levels) {
      if (remaining <= 0) break;
      const acceptable = order.isAsk ? priceTicks >= order.priceTicks : priceTicks <= order.priceTicks;
      if (!acceptable) break;
      // Resting account orders at this level first (price-time priority), then synthetic size.
      for (const r of book.resting.filter((x) => x.isAsk !== order.isAsk && x.priceTicks === priceTicks).sort((a, b) => a.seq - b.seq)) {
        if (remaining <= 0) break;
        if (r.accountId === order.accountId) {
          // Lighter expires the resting maker; Extended rejects the incoming taker.
          if (order.venue === 'extended') return true;
          const maker = this.account(order.venue, r.accountId)?.orders.get(r.orderId);
          if (maker !== undefined) this.finish(maker, 'canceled', 'self-trade');
          continue;
        }
        const maker = this.account(order.venue, r.accountId)?.orders.get(r.orderId);
        const qty = Math.min(remaining, r.remainingSteps);
        if (maker !== undefined) this.executeFill(maker, priceTicks, qty, true);
        this.executeFill(order, priceTicks, qty, false);
        remaining -= qty;
      }
      const synthetic = book.syntheticAt(priceTicks, !order.isAsk);
      const qty = Math.min(remaining, synthetic);
      if (qty > 0) {
        book.consume(priceTicks, qty);
        this.executeFill(order, priceTicks, qty, false);
        remaining -= qty;
      }
    }
    return false;
  }

  private hasMargin(account: SimAccount, m: SimMarket, req: OrderRequest, price: number): boolean {
    const lev = account.leverageOf(req.symbol, m.maxLeverage);
    const needMicro = ((req.sizeSteps * Number(m.stepSize) * price) / lev) * MICRO;
    return this.availableMicro(account) >= needMicro;
  }

  /** Equity minus initial margin of positions and open orders, in micro-USD. */
  availableMicro(account: SimAccount): number {
    let used = 0;
    let upnl = 0;
    for (const [symbol, p] of account.positions) {
      if (p.steps === 0) continue;
      const m = this.market(account.venue, symbol)!;
      const mark = this.model.quote(account.venue, symbol).mark;
      const size = p.steps * Number(m.stepSize);
      upnl += (mark - p.entryPrice) * size * MICRO;
      used += (Math.abs(size) * mark * MICRO) / account.leverageOf(symbol, m.maxLeverage);
    }
    for (const o of account.openOrders()) {
      const m = this.market(account.venue, o.symbol)!;
      used += (((o.sizeSteps - o.filledSteps) * Number(m.stepSize) * o.priceTicks * Number(m.tickSize)) / account.leverageOf(o.symbol, m.maxLeverage)) * MICRO;
    }
    return account.collateralMicro + upnl - used;
  }

  unrealizedMicro(account: SimAccount, symbol: string): number {
    const p = account.positions.get(symbol);
    if (p === undefined || p.steps === 0) return 0;
    const m = this.market(account.venue, symbol)!;
    return Math.round((this.model.quote(account.venue, symbol).mark - p.entryPrice) * p.steps * Number(m.stepSize) * MICRO);
  }

  private executeFill(order: SimOrder, priceTicks: number, steps: number, isMaker: boolean): SimFill {
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
    const fill: SimFill = { tradeId: this.nextTradeId++, venue: order.venue, accountId: order.accountId, symbol: order.symbol, orderId: order.orderId, clientId: order.clientId, isAsk: order.isAsk, priceTicks, sizeSteps: steps, price, size, feeMicro, isMaker, timeMs: now };
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

  private finish(order: SimOrder, status: 'canceled', reason: SimOrder['reason']): PlaceResult {
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
