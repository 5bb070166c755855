// Lighter's /stream (venues.md §1.5): "connected" first, subscribe/unsubscribe with "/" in
// channel names and ":" in replies, "subscribed/…" then "update/…", order books as a snapshot
// then absolute-size diffs every 50 ms chained by begin_nonce → nonce with a non-contiguous
// offset, JSON ping/pong, tx submission over the socket, and a forced close after 24 h.
import type { WebSocket } from 'ws';
import type { Gate } from '../http-util';
import type { SimEngine } from '../engine/engine';
import type { SimMarket } from '../universe/universe';
import { checkAuthToken } from './auth';
import { applyTx } from './apply';
import { marketStats, px, renderOrder, renderPosition, renderTrade, sz } from './render';
import type { LighterState } from './state';

export interface LighterWsOptions {
  readonly bookIntervalMs: number;
  readonly statsIntervalMs: number;
  readonly pingIntervalMs: number;
  readonly maxConnectionMs: number;
  readonly txDelayMs: number;
}

type Levels = Map<number, number>;

interface BookSub {
  readonly m: SimMarket;
  lastNonce: number;
  pendingBids: Levels;
  pendingAsks: Levels;
  held: string | null;
  /** Quirk: the first diff after this subscribe gets a begin_nonce that does not chain. */
  breakFirstDiff: boolean;
}

export class LighterConnection {
  private offset = Math.floor(Math.random() * 1000);
  private readonly books = new Map<number, BookSub>();
  private readonly subs = new Set<string>();
  private readonly stops: (() => void)[] = [];
  private lastPongMs: number;

  constructor(
    private readonly ws: WebSocket,
    private readonly state: LighterState,
    private readonly gate: Gate,
    private readonly opts: LighterWsOptions,
  ) {
    const engine = state.engine;
    this.lastPongMs = Date.now();
    this.send({ type: 'connected', session_id: Math.random().toString(36).slice(2) });
    ws.on('message', (data) => this.onMessage(data.toString()));
    ws.on('close', () => this.dispose());
    ws.on('error', () => undefined);
    this.stops.push(engine.on('book', (c) => c.venue === 'lighter' && this.onBook(c.symbol, c.seq, c.bids, c.asks)));
    this.stops.push(engine.clock.every(opts.bookIntervalMs, () => this.flushBooks()));
    this.stops.push(engine.clock.every(opts.statsIntervalMs, () => this.pushStats()));
    // JSON ping/pong is network keepalive: real time, even on a manual market clock.
    const ping = setInterval(() => this.ping(), opts.pingIntervalMs);
    ping.unref?.();
    this.stops.push(() => clearInterval(ping));
    this.stops.push(engine.clock.after(opts.maxConnectionMs, () => ws.close(1000, 'connection lifetime reached')));
    this.stops.push(engine.on('order', (o) => o.venue === 'lighter' && this.pushAccountOrders(Number(o.accountId), o.symbol)));
    this.stops.push(engine.on('fill', (f) => f.venue === 'lighter' && this.pushTrade(f.symbol)));
    this.stops.push(engine.on('position', (p) => p.venue === 'lighter' && this.pushAccountAll(Number(p.accountId))));
    this.stops.push(engine.on('fundingPayment', (p) => p.venue === 'lighter' && this.pushAccountAll(Number(p.accountId))));
  }

  private get engine(): SimEngine {
    return this.state.engine;
  }

  private send(msg: unknown): void {
    if (this.gate.faults.isStalled('lighter')) return;
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  private error(code: number, message: string): void {
    this.send({ error: { code, message } });
  }

  dispose(): void {
    for (const s of this.stops.splice(0)) s();
  }

  private onMessage(text: string): void {
    let msg: { type?: unknown; channel?: unknown; auth?: unknown; data?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return this.error(30000, 'invalid json');
    }
    if (typeof msg !== 'object' || msg === null) return this.error(30000, 'invalid message');
    switch (msg.type) {
      case 'pong':
        this.lastPongMs = Date.now();
        return;
      case 'ping':
        return this.send({ type: 'pong' });
      case 'subscribe':
        return this.subscribe(String(msg.channel ?? ''), typeof msg.auth === 'string' ? msg.auth : null);
      case 'unsubscribe':
        return this.unsubscribe(String(msg.channel ?? ''));
      case 'jsonapi/sendtx':
        return this.sendTx(msg.data);
      default:
        return this.error(30004, 'invalid message type');
    }
  }

  private sendTx(data: unknown): void {
    const d = (typeof data === 'object' && data !== null ? data : {}) as { id?: unknown; tx_type?: unknown; tx_info?: unknown };
    const r = applyTx(this.state, this.gate, Number(d.tx_type), d.tx_info, this.opts.txDelayMs);
    this.send({ type: 'jsonapi/sendtx', data: { id: d.id ?? null, ...(r.ok ? { code: 200, tx_hash: r.hash } : { code: r.code, message: r.message }) } });
  }

  private subscribe(channel: string, auth: string | null): void {
    if (this.subs.has(channel)) return this.error(30003, 'already subscribed');
    const parts = channel.split('/');
    const name = parts[0];
    const num = (i: number) => (parts[i] !== undefined && /^\d+$/.test(parts[i]!) ? Number(parts[i]) : null);
    switch (name) {
      case 'order_book': {
        const m = num(1) === null ? undefined : this.state.byIndex.get(num(1)!);
        if (m === undefined || parts.length !== 2) return this.error(30005, 'invalid channel');
        this.subs.add(channel);
        const book = this.engine.book('lighter', m.symbol);
        const breakFirstDiff = this.state.quirks.nonChainingFirstDiff > 0;
        if (breakFirstDiff) this.state.quirks.nonChainingFirstDiff -= 1;
        this.books.set(m.marketIndex!, { m, lastNonce: book.seq, pendingBids: new Map(), pendingAsks: new Map(), held: null, breakFirstDiff });
        this.offset += 1;
        return this.send({
          channel: `order_book:${m.marketIndex}`,
          offset: this.offset,
          order_book: { code: 0, asks: book.asks.map(([p, s]) => ({ price: px(m, p), size: sz(m, s) })), bids: book.bids.map(([p, s]) => ({ price: px(m, p), size: sz(m, s) })), offset: this.offset, nonce: book.seq, last_updated_at: book.venueTimeMs * 1000, begin_nonce: book.seq },
          timestamp: this.engine.clock.nowMs(),
          type: 'subscribed/order_book',
        });
      }
      case 'market_stats': {
        const all = parts[1] === 'all';
        const m = all ? undefined : num(1) === null ? undefined : this.state.byIndex.get(num(1)!);
        if (!all && m === undefined) return this.error(30005, 'invalid channel');
        this.subs.add(channel);
        return this.send(this.statsMessage(parts[1]!, 'subscribed/market_stats'));
      }
      case 'account_all':
      case 'user_stats': {
        const a = num(1);
        if (a === null || this.engine.account('lighter', String(a)) === undefined) return this.error(30005, 'invalid channel');
        this.subs.add(channel);
        return name === 'account_all' ? this.pushAccountAll(a, true) : this.pushUserStats(a, true);
      }
      case 'account_orders': {
        const mIdx = num(1);
        const a = num(2);
        const m = mIdx === null ? undefined : this.state.byIndex.get(mIdx);
        if (m === undefined || a === null || this.engine.account('lighter', String(a)) === undefined) return this.error(30005, 'invalid channel');
        const v = checkAuthToken(auth, this.engine.clock.nowMs(), a, this.state.keys);
        if (!v.ok) return this.error(v.code, v.message);
        // Quirk: the token "expires" now; the venue answers with a bare error frame (no type).
        if (this.state.quirks.expireAuthOnce > 0) {
          this.state.quirks.expireAuthOnce -= 1;
          return this.error(20013, 'auth token expired');
        }
        this.subs.add(channel);
        return this.pushAccountOrders(a, m.symbol, true);
      }
      case 'trade': {
        const m = num(1) === null ? undefined : this.state.byIndex.get(num(1)!);
        if (m === undefined) return this.error(30005, 'invalid channel');
        this.subs.add(channel);
        return this.send({ channel: `trade:${m.marketIndex}`, trades: (this.state.publicTrades.get(m.marketIndex!) ?? []).slice(-20), type: 'subscribed/trade' });
      }
      case 'height':
        this.subs.add(channel);
        return this.send({ channel: 'height', height: Math.floor(this.engine.clock.nowMs() / 1000), type: 'subscribed/height' });
      default:
        return this.error(30005, 'invalid channel');
    }
  }

  private unsubscribe(channel: string): void {
    if (!this.subs.delete(channel)) return this.error(30006, 'not subscribed');
    if (channel.startsWith('order_book/')) this.books.delete(Number(channel.split('/')[1]));
    this.send({ type: 'unsubscribed', channel: channel.replace('/', ':') });
  }

  private onBook(symbol: string, _seq: number, bids: readonly (readonly [number, number])[], asks: readonly (readonly [number, number])[]): void {
    const m = this.state.bySymbol.get(symbol);
    if (m === undefined) return;
    const sub = this.books.get(m.marketIndex!);
    if (sub === undefined) return;
    for (const [p, s] of bids) sub.pendingBids.set(p, s);
    for (const [p, s] of asks) sub.pendingAsks.set(p, s);
  }

  private flushBooks(): void {
    for (const sub of this.books.values()) {
      if (sub.pendingBids.size === 0 && sub.pendingAsks.size === 0) continue;
      const book = this.engine.book('lighter', sub.m.symbol);
      const m = sub.m;
      this.offset += 1 + Math.floor(Math.random() * 3);
      const msg = JSON.stringify({
        channel: `order_book:${m.marketIndex}`,
        offset: this.offset,
        order_book: {
          code: 0,
          asks: [...sub.pendingAsks].map(([p, s]) => ({ price: px(m, p), size: sz(m, s) })),
          bids: [...sub.pendingBids].map(([p, s]) => ({ price: px(m, p), size: sz(m, s) })),
          offset: this.offset,
          nonce: book.seq,
          // µs like the venue's other *_time fields; required by the spec (venues.md §7.2).
          last_updated_at: book.venueTimeMs * 1000,
          begin_nonce: sub.breakFirstDiff ? sub.lastNonce - 1 : sub.lastNonce,
        },
        timestamp: book.venueTimeMs,
        type: 'update/order_book',
      });
      sub.pendingBids = new Map();
      sub.pendingAsks = new Map();
      sub.lastNonce = book.seq;
      sub.breakFirstDiff = false;
      switch (this.gate.faults.nextMangle('lighter')) {
        case 'gap':
          continue; // lost in transit: the next update's begin_nonce no longer chains
        case 'duplicate':
          this.send(msg);
          this.send(msg);
          continue;
        case 'reorder':
          sub.held = msg;
          continue;
        case null:
          this.send(msg);
          if (sub.held !== null) {
            this.send(sub.held);
            sub.held = null;
          }
      }
    }
  }

  private statsMessage(which: string, type: string): unknown {
    if (which === 'all') {
      const stats: Record<string, unknown> = {};
      for (const m of this.engine.markets('lighter')) stats[String(m.marketIndex)] = marketStats(this.engine, m);
      return { channel: 'market_stats:all', market_stats: stats, type };
    }
    const m = this.state.byIndex.get(Number(which))!;
    return { channel: `market_stats:${which}`, market_stats: marketStats(this.engine, m), type };
  }

  private pushStats(): void {
    for (const ch of this.subs) {
      if (ch.startsWith('market_stats/')) this.send(this.statsMessage(ch.split('/')[1]!, 'update/market_stats'));
      else if (ch.startsWith('user_stats/')) this.pushUserStats(Number(ch.split('/')[1]), false);
    }
  }

  private pushUserStats(a: number, first = false): void {
    if (!this.subs.has(`user_stats/${a}`)) return;
    const acc = this.engine.account('lighter', String(a))!;
    const avail = this.engine.availableMicro(acc) / 1e6;
    const collateral = acc.collateralMicro / 1e6;
    this.send({ channel: `user_stats:${a}`, stats: { collateral: collateral.toFixed(6), portfolio_value: collateral.toFixed(6), leverage: '0', available_balance: avail.toFixed(6), margin_usage: '0', buying_power: avail.toFixed(6) }, type: first ? 'subscribed/user_stats' : 'update/user_stats' });
  }

  private pushAccountAll(a: number, first = false): void {
    if (!this.subs.has(`account_all/${a}`)) return;
    const acc = this.engine.account('lighter', String(a))!;
    const positions: Record<string, unknown> = {};
    const trades: Record<string, unknown[]> = {};
    const fundings: Record<string, unknown[]> = {};
    for (const sym of acc.positions.keys()) {
      const m = this.state.bySymbol.get(sym)!;
      positions[String(m.marketIndex)] = renderPosition(this.engine, acc, m);
    }
    for (const f of acc.fills.slice(-20)) (trades[String(this.state.bySymbol.get(f.symbol)!.marketIndex)] ??= []).push(renderTrade(this.state.bySymbol.get(f.symbol)!, f, a));
    for (const p of acc.fundingPayments.slice(-20)) {
      const m = this.state.bySymbol.get(p.symbol)!;
      (fundings[String(m.marketIndex)] ??= []).push({ timestamp: Math.floor(p.timeMs / 1000), market_id: m.marketIndex, funding_id: p.id, change: (p.changeMicro / 1e6).toFixed(6), rate: (Math.abs(p.hourlyRate) * 100).toFixed(8), position_size: Math.abs(p.positionSize).toFixed(m.sizeDecimals), position_side: p.positionSize >= 0 ? 'long' : 'short' });
    }
    this.send({ account: a, channel: `account_all:${a}`, collateral: (acc.collateralMicro / 1e6).toFixed(6), positions, trades, funding_histories: fundings, shares: [], type: first ? 'subscribed/account_all' : 'update/account_all' });
  }

  private pushAccountOrders(a: number, symbol: string, first = false): void {
    const m = this.state.bySymbol.get(symbol);
    if (m === undefined || !this.subs.has(`account_orders/${m.marketIndex}/${a}`)) return;
    const acc = this.engine.account('lighter', String(a))!;
    const orders = first ? acc.openOrders(symbol) : [...acc.orders.values()].filter((o) => o.symbol === symbol && o.updatedMs >= this.engine.clock.nowMs() - 1);
    this.send({ account: a, channel: `account_orders:${m.marketIndex}`, nonce: 0, orders: { [String(m.marketIndex)]: orders.map((o) => renderOrder(m, o, a)) }, type: first ? 'subscribed/account_orders' : 'update/account_orders' });
  }

  /** trade/{m}: the newest public trade of the market (venues.md §1.5). */
  private pushTrade(symbol: string): void {
    const m = this.state.bySymbol.get(symbol);
    if (m === undefined || !this.subs.has(`trade/${m.marketIndex}`)) return;
    const last = this.state.publicTrades.get(m.marketIndex!)?.slice(-1) ?? [];
    this.send({ channel: `trade:${m.marketIndex}`, trades: last, type: 'update/trade' });
  }

  private ping(): void {
    if (Date.now() - this.lastPongMs > this.opts.pingIntervalMs * 2 + 10_000) {
      this.ws.close(1000, 'no pong');
      return;
    }
    this.send({ type: 'ping' });
  }
}
