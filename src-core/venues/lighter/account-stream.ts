// The private stream on its own socket: account_all/{a} (positions, trades, funding; a full
// snapshot on every subscribe) and account_orders/{m}/{a} (auth; the fastest order signal).
// Every frame is validated whole with zod before anything in it is iterated; a frame that fails
// is counted as a parse error and triggers one resync (a fresh account_all snapshot). Error frames
// come as {"error":{"code","message"}} with NO `type` (venues.md §7.2): an expired token (20013)
// is refreshed and the order channels subscribed again.
import { Listeners } from '../common/listeners';
import { ResilientSocket } from '../common/ws';
import type { AccountEvent, StreamHealth } from '../port';
import type { LighterContext } from './options';
import { AUTH_EXPIRED_CODE } from './private-get';
import { accountAllMessage, accountOrdersMessage, toFill, toFundingPayment, toOrderState, toPosition } from './wire/account';
import { wsErrorFrame } from './wire/schemas';

const APP_PING_MS = 10_000;

export class LighterAccountStream {
  readonly listeners: Listeners<AccountEvent>;
  private socket: ResilientSocket | null = null;
  private readonly orderMarkets = new Set<number>();
  private readonly orderChannels = new Set<number>();
  private readonly seenFills = new Set<number>();
  private readonly seenFunding = new Set<number>();
  private opens = 0;
  private resyncing = false;
  authRefreshes = 0;

  constructor(private readonly ctx: LighterContext) {
    this.listeners = new Listeners(() => this.socket?.noteParseError());
  }

  /** Opens the stream; resolves once it is subscribed (or after `waitMs`, the stream then
   *  keeps trying in the background), so the first order cannot finish before we listen. */
  start(waitMs = 5_000): Promise<void> {
    if (this.ctx.accountIndex === undefined) return Promise.resolve();
    let opened: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => {
      opened = resolve;
      setTimeout(resolve, waitMs).unref?.();
    });
    const account = this.ctx.accountIndex;
    for (const s of this.ctx.options.orderMarkets ?? []) {
      const idx = this.ctx.markets.indexOf(s);
      if (idx !== null) this.orderMarkets.add(idx);
    }
    this.socket = new ResilientSocket({
      venue: 'lighter',
      stream: 'stream:account',
      endpoints: this.ctx.options.wsUrls,
      stallMs: 0, // account channels may stay silent until something changes (§1.5)
      appPing: { intervalMs: APP_PING_MS, message: '{"type":"ping"}' },
      now: this.ctx.now,
      onOpen: (s) => {
        this.opens += 1;
        this.orderChannels.clear();
        this.resyncing = false;
        s.send(JSON.stringify({ type: 'subscribe', channel: `account_all/${account}` }));
        void this.subscribeOrders().finally(opened);
        if (this.opens > 1) this.emit({ type: 'stream', stream: { stream: 'stream:account', state: 'resubscribed', atMs: this.ctx.now() } });
      },
      onDown: () => this.emit({ type: 'stream', stream: { stream: 'stream:account', state: 'down', atMs: this.ctx.now() } }),
      onMessage: (text) => this.onMessage(text),
    });
    this.socket.start();
    return ready;
  }

  stop(): void {
    this.socket?.close();
    this.socket = null;
  }

  health(): StreamHealth[] {
    return this.socket === null ? [] : [this.socket.health()];
  }

  /** Forces a reconnect (tests, or a caller that distrusts the stream). */
  reconnect(): void {
    this.socket?.reconnect('network');
  }

  /** Follows a market's order channel from now on (subscribed once we trade there). Resolves
   *  once the subscribe is on the wire, so an order sent after it cannot finish unseen. */
  follow(marketIndex: number): Promise<void> {
    if (this.orderMarkets.has(marketIndex)) return Promise.resolve();
    this.orderMarkets.add(marketIndex);
    return this.subscribeOrders();
  }

  private emit(e: AccountEvent): void {
    this.listeners.emit(e);
  }

  private async subscribeOrders(): Promise<void> {
    const s = this.socket;
    const account = this.ctx.options.credentials?.accountIndex;
    if (s === null || this.ctx.auth === null || account === undefined || !s.isOpen()) return;
    for (const m of this.orderMarkets) {
      if (this.orderChannels.has(m)) continue;
      try {
        const token = await this.ctx.auth.get();
        this.orderChannels.add(m);
        s.send(JSON.stringify({ type: 'subscribe', channel: `account_orders/${m}/${account}`, auth: token }));
      } catch {
        // No token now: the next reconnect or order retries.
      }
    }
  }

  /** A frame we could not use: count it, and ask once for a fresh snapshot (events may be lost). */
  private refuse(): void {
    const s = this.socket;
    if (s === null) return;
    s.noteParseError();
    if (this.resyncing || this.ctx.accountIndex === undefined) return;
    this.resyncing = true;
    s.noteResync();
    const channel = `account_all/${this.ctx.accountIndex}`;
    s.send(JSON.stringify({ type: 'unsubscribe', channel }));
    s.send(JSON.stringify({ type: 'subscribe', channel }));
  }

  private onMessage(text: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return this.refuse();
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return this.refuse();
    const err = wsErrorFrame.safeParse(raw);
    if (err.success) return this.onError(err.data.error.code);
    const type = (raw as { type?: unknown }).type;
    if (type === 'ping') {
      this.socket?.send('{"type":"pong"}');
      return;
    }
    if (type === 'connected' || type === 'pong' || type === 'unsubscribed') return;
    if (typeof type !== 'string') return this.refuse();
    if (type.endsWith('/account_all')) return this.onAccountAll(raw);
    if (type.endsWith('/account_orders')) return this.onAccountOrders(raw);
    this.refuse();
  }

  private onError(code: number): void {
    if (code !== AUTH_EXPIRED_CODE || this.ctx.auth === null) return;
    // Expired auth on a private channel: new token, subscribe the order channels again.
    this.authRefreshes += 1;
    this.ctx.auth.invalidate();
    this.orderChannels.clear();
    void this.subscribeOrders();
  }

  private onAccountAll(raw: unknown): void {
    const msg = accountAllMessage.safeParse(raw);
    if (!msg.success) return this.refuse();
    if (msg.data.type === 'subscribed/account_all') this.resyncing = false;
    const account = msg.data.account;
    for (const [mkt, p] of Object.entries(msg.data.positions ?? {})) this.emit({ type: 'position', position: toPosition(p, this.ctx.markets.symbolOf(Number(mkt))) });
    for (const [mkt, trades] of Object.entries(msg.data.trades ?? {})) {
      for (const t of trades) {
        if (this.seenFills.has(t.trade_id)) continue;
        this.seenFills.add(t.trade_id);
        this.emit({ type: 'fill', fill: toFill(t, this.ctx.markets.symbolOf(Number(mkt)), account) });
      }
    }
    for (const [mkt, rows] of Object.entries(msg.data.funding_histories ?? {})) {
      for (const r of rows) {
        if (this.seenFunding.has(r.funding_id)) continue;
        this.seenFunding.add(r.funding_id);
        this.emit({ type: 'fundingPayment', payment: toFundingPayment(r, this.ctx.markets.symbolOf(Number(mkt))) });
      }
    }
  }

  private onAccountOrders(raw: unknown): void {
    const msg = accountOrdersMessage.safeParse(raw);
    if (!msg.success) return this.refuse();
    for (const [mkt, orders] of Object.entries(msg.data.orders)) {
      for (const o of orders) this.emit({ type: 'order', order: toOrderState(o, this.ctx.markets.symbolOf(Number(mkt))) });
    }
  }
}
