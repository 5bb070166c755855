// Extended's path-based streams (venues.md §2.5): one stream per connection, messages
// {type, data, ts, seq} with seq per connection; order books as a SNAPSHOT then ADDITIVE deltas
// (q is the signed change, c the resulting size) plus a fresh SNAPSHOT about every minute;
// ?depth=1 sends best bid/ask snapshots only; /account needs X-Api-Key on the handshake.
import type { WebSocket } from 'ws';
import type { Gate } from '../http-util';
import type { SimMarket } from '../universe/universe';
import type { SimEngine } from '../engine/engine';
import { px, renderBalance, renderClosedPosition, renderOrder, renderPosition, renderTrade, sz } from './render';
import type { ExtendedAccountInfo, ExtendedState } from './state';

export interface ExtendedWsOptions {
  readonly snapshotEveryMs: number;
  readonly pingIntervalMs: number;
  readonly pongTimeoutMs: number;
}

export type StreamTarget =
  | { readonly kind: 'orderbook'; readonly market: SimMarket | null; readonly depth1: boolean }
  | { readonly kind: 'funding'; readonly market: SimMarket }
  | { readonly kind: 'account'; readonly account: ExtendedAccountInfo };

export class ExtendedConnection {
  private seq = 0;
  private readonly stops: (() => void)[] = [];
  /** Per market: the sizes this connection has sent, so deltas are exact differences. */
  private readonly levels = new Map<string, { b: Map<number, number>; a: Map<number, number> }>();
  private readonly held: string[] = [];
  private alive = true;

  constructor(
    private readonly ws: WebSocket,
    private readonly state: ExtendedState,
    private readonly gate: Gate,
    private readonly target: StreamTarget,
    private readonly opts: ExtendedWsOptions,
  ) {
    ws.on('close', () => this.dispose());
    ws.on('error', () => undefined);
    ws.on('pong', () => {
      this.alive = true;
    });
    const engine = this.engine;
    // Keepalive is about the network, so it runs on real time even when the market runs on a
    // manual clock: protocol ping every 15 s, no pong by the next ping ⇒ terminate.
    const ping = setInterval(() => {
      if (!this.alive) {
        ws.terminate();
        return;
      }
      this.alive = false;
      ws.ping();
    }, opts.pingIntervalMs);
    ping.unref?.();
    this.stops.push(() => clearInterval(ping));
    switch (target.kind) {
      case 'orderbook': {
        const t = target;
        this.snapshotAll();
        this.stops.push(engine.on('book', (c) => c.venue === 'extended' && (t.market === null || c.symbol === t.market.symbol) && this.onBook(this.state.byName.get(`${c.symbol}-USD`)!, c.bids, c.asks)));
        if (!target.depth1) this.stops.push(engine.clock.every(opts.snapshotEveryMs, () => this.snapshotAll()));
        break;
      }
      case 'funding':
        this.sendFunding();
        this.stops.push(engine.clock.every(1_000, () => this.sendFunding()));
        break;
      case 'account':
        this.sendAccountSnapshot();
        this.stops.push(engine.on('order', (o) => o.venue === 'extended' && o.accountId === target.account.accountKey && this.push('ORDER', { orders: [this.orderJson(o)] })));
        this.stops.push(engine.on('fill', (f) => f.venue === 'extended' && f.accountId === target.account.accountKey && this.push('TRADE', { trades: [renderTrade(this.state.byName.get(`${f.symbol}-USD`)!, f, target.account.accountId)] })));
        this.stops.push(engine.on('position', (p) => p.venue === 'extended' && p.accountId === target.account.accountKey && this.pushPosition(p.symbol)));
        this.stops.push(engine.on('balance', (b) => b.venue === 'extended' && b.accountId === target.account.accountKey && this.push('BALANCE', { balance: renderBalance(engine, engine.account('extended', target.account.accountKey)!) })));
        break;
    }
  }

  private get engine(): SimEngine {
    return this.state.engine;
  }

  dispose(): void {
    for (const s of this.stops.splice(0)) s();
  }

  private push(type: string, data: unknown): void {
    if (this.gate.faults.isStalled('extended') || this.ws.readyState !== this.ws.OPEN) return;
    this.seq += 1;
    this.ws.send(JSON.stringify({ type, data, ts: this.engine.clock.nowMs(), seq: this.seq }));
  }

  private snapshotAll(): void {
    if (this.target.kind !== 'orderbook') return;
    const markets = this.target.market === null ? this.engine.markets('extended') : [this.target.market];
    for (const m of markets) this.sendSnapshot(m);
  }

  private sendSnapshot(m: SimMarket): void {
    if (this.target.kind !== 'orderbook') return;
    const b = this.engine.book('extended', m.symbol);
    const bids = this.target.depth1 ? b.bids.slice(0, 1) : b.bids;
    const asks = this.target.depth1 ? b.asks.slice(0, 1) : b.asks;
    this.levels.set(m.symbol, { b: new Map(bids.map(([p, s]) => [p, s])), a: new Map(asks.map(([p, s]) => [p, s])) });
    this.push('SNAPSHOT', { m: m.venueMarket, b: bids.map(([p, s]) => ({ p: px(m, p), q: sz(m, s) })), a: asks.map(([p, s]) => ({ p: px(m, p), q: sz(m, s) })) });
  }

  private onBook(m: SimMarket, bids: readonly (readonly [number, number])[], asks: readonly (readonly [number, number])[]): void {
    if (this.target.kind !== 'orderbook') return;
    if (this.target.depth1) return this.sendSnapshot(m);
    const sides = this.levels.get(m.symbol);
    if (sides === undefined) return;
    const delta = (side: Map<number, number>, changes: readonly (readonly [number, number])[]) =>
      changes
        .map(([p, s]) => {
          const before = side.get(p) ?? 0;
          if (s === 0) side.delete(p);
          else side.set(p, s);
          return { p: px(m, p), q: sz(m, s - before), c: sz(m, s), changed: s !== before };
        })
        .filter((x) => x.changed)
        // The SDK's path knows only the signed change (venues.md §7.3): `c` is optional.
        .map(({ p, q, c }) => (this.state.wire.omitAbsoluteSize === true ? { p, q } : { p, q, c }));
    const data = { m: m.venueMarket, b: delta(sides.b, bids), a: delta(sides.a, asks) };
    if (data.b.length === 0 && data.a.length === 0) return;
    if (this.gate.faults.isStalled('extended') || this.ws.readyState !== this.ws.OPEN) return;
    switch (this.gate.faults.nextMangle('extended')) {
      case 'gap':
        this.seq += 1; // a message the client never sees
        return;
      case 'duplicate': {
        this.seq += 1;
        const text = JSON.stringify({ type: 'DELTA', data, ts: this.engine.clock.nowMs(), seq: this.seq });
        this.ws.send(text);
        this.ws.send(text);
        return;
      }
      case 'reorder':
        this.seq += 1;
        this.held.push(JSON.stringify({ type: 'DELTA', data, ts: this.engine.clock.nowMs(), seq: this.seq }));
        return;
      case null:
        this.push('DELTA', data);
        for (const text of this.held.splice(0)) this.ws.send(text);
    }
  }

  private sendFunding(): void {
    if (this.target.kind !== 'funding') return;
    const m = this.target.market;
    const f = this.engine.funding('extended', m.symbol);
    this.push('FUNDING', { m: m.venueMarket, f: f.predictedHourly.toFixed(8), T: this.engine.clock.nowMs() });
  }

  private orderJson(o: Parameters<typeof renderOrder>[1]): unknown {
    if (this.target.kind !== 'account') return null;
    const acc = this.engine.account('extended', this.target.account.accountKey)!;
    const fee = acc.fills.filter((f) => f.orderId === o.orderId).reduce((s, f) => s + f.feeMicro, 0) / 1e6;
    return renderOrder(this.state.byName.get(`${o.symbol}-USD`)!, o, this.target.account.accountId, fee);
  }

  private pushPosition(symbol: string): void {
    if (this.target.kind !== 'account') return;
    const m = this.state.byName.get(`${symbol}-USD`)!;
    const acc = this.engine.account('extended', this.target.account.accountKey)!;
    const p = renderPosition(this.engine, acc, m, this.target.account.accountId);
    this.push('POSITION', { positions: [p ?? renderClosedPosition(this.engine, acc, m, this.target.account.accountId)] });
  }

  private sendAccountSnapshot(): void {
    if (this.target.kind !== 'account') return;
    const acc = this.engine.account('extended', this.target.account.accountKey)!;
    const positions = this.engine.markets('extended').map((m) => renderPosition(this.engine, acc, m, this.target.kind === 'account' ? this.target.account.accountId : 0)).filter((p) => p !== null);
    this.push('SNAPSHOT', { orders: acc.openOrders().map((o) => this.orderJson(o)), positions, balance: renderBalance(this.engine, acc) });
  }
}
