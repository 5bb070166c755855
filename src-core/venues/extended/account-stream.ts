// Extended's private stream (/account, X-Api-Key on the handshake; venues.md §2.5): orders,
// trades, positions and balance. The stream is the truth about asynchronous matching (§7.3).
// Every frame is validated before anything is iterated; a refused frame is counted and triggers
// one resync (orders and positions re-read over REST), since what it carried is lost.
import type { AccountEvent } from '../port';
import type { Listeners } from '../common/listeners';
import { ResilientSocket } from '../common/ws';
import { USER_AGENT } from './constants';
import type { OrderIds } from './order-ids';
import { toBalance, toFill, toOrderState, toPosition } from './wire/mappers';
import { accountFrame, balanceSchema, orderSchema, positionSchema, tradeSchema } from './wire/schemas';

export interface AccountStreamOptions {
  readonly wsUrls: readonly string[];
  readonly apiKey: string;
  readonly listeners: Listeners<AccountEvent>;
  readonly orderIds: OrderIds;
  /** Re-reads orders, positions and balance and emits them (after lost frames or a reconnect). */
  readonly resync: () => Promise<void>;
  readonly now: () => number;
  readonly onError: (e: unknown) => void;
}

export class AccountStream {
  socket: ResilientSocket | null = null;
  /** Frames are handled one after another: a fill that waits for its client id never overtakes
   *  the order event behind it. */
  private chain: Promise<void> = Promise.resolve();
  private down = false;
  private resyncing: Promise<void> | null = null;
  private resyncAgain = false;
  resyncs = 0;

  constructor(private readonly o: AccountStreamOptions) {}

  start(): void {
    const socket = new ResilientSocket({
      venue: 'extended',
      stream: 'account',
      endpoints: this.o.wsUrls.map((u) => `${u.replace(/\/$/, '')}/account`),
      headers: () => ({ 'User-Agent': USER_AGENT, 'X-Api-Key': this.o.apiKey }),
      // The connection is the subscription: its first frame is a SNAPSHOT of the account. After a
      // drop, events may have been missed, so the reconnect also re-reads over REST.
      onOpen: () => {
        if (!this.down) return;
        this.down = false;
        this.o.listeners.emit({ type: 'stream', stream: { stream: 'account', state: 'resubscribed', atMs: this.o.now() } });
        this.requestResync();
      },
      onMessage: (text) => this.enqueue(text),
      onDown: () => {
        if (this.down) return;
        this.down = true;
        this.o.listeners.emit({ type: 'stream', stream: { stream: 'account', state: 'down', atMs: this.o.now() } });
      },
    });
    this.socket = socket;
    socket.start();
  }

  stop(): void {
    this.socket?.close();
  }

  /** Resolves when every frame received so far has been handled. */
  idle(): Promise<void> {
    return this.chain;
  }

  private enqueue(text: string): void {
    this.chain = this.chain.then(() => this.onFrame(text)).catch((e: unknown) => this.o.onError(e));
  }

  private refuse(): void {
    this.socket?.noteParseError();
    this.requestResync();
  }

  requestResync(): void {
    if (this.resyncing !== null) {
      this.resyncAgain = true;
      return;
    }
    this.resyncs += 1;
    this.socket?.noteResync();
    this.resyncing = this.o
      .resync()
      .catch((e: unknown) => this.o.onError(e))
      .finally(() => {
        this.resyncing = null;
        if (this.resyncAgain) {
          this.resyncAgain = false;
          this.requestResync();
        }
      });
  }

  private async onFrame(text: string): Promise<void> {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return this.refuse();
    }
    const frame = accountFrame.safeParse(raw);
    if (!frame.success) return this.refuse();
    const data = frame.data.data;
    if (data === null || data === undefined) return;
    const emit = (e: AccountEvent) => this.o.listeners.emit(e);
    let bad = 0;
    for (const o of data.orders ?? []) {
      const p = orderSchema.safeParse(o);
      if (!p.success) {
        bad += 1;
        continue;
      }
      this.o.orderIds.learn(String(p.data.id), p.data.externalId);
      emit({ type: 'order', order: toOrderState(p.data) });
    }
    for (const t of data.trades ?? []) {
      const p = tradeSchema.safeParse(t);
      if (!p.success) {
        bad += 1;
        continue;
      }
      let clientOrderId: string | null;
      try {
        clientOrderId = await this.o.orderIds.resolve(String(p.data.orderId));
      } catch (e) {
        // The id could not be read back now: the fill is still reported (money moved); the
        // ledger's later fills() readback carries the id.
        this.o.onError(e);
        clientOrderId = null;
      }
      emit({ type: 'fill', fill: toFill(p.data, clientOrderId) });
    }
    for (const pos of data.positions ?? []) {
      const p = positionSchema.safeParse(pos);
      if (!p.success) {
        bad += 1;
        continue;
      }
      emit({ type: 'position', position: toPosition(p.data) });
    }
    if (data.balance !== undefined) {
      const b = balanceSchema.safeParse(data.balance);
      if (b.success) emit({ type: 'balance', balance: toBalance(b.data) });
      else bad += 1;
    }
    if (bad > 0) this.refuse();
  }
}
