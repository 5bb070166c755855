// The public /stream sockets: market_stats/all on the first, order books spread over as many as
// the per-connection subscription limit needs. Every reconnect resubscribes through onOpen.
import { ResilientSocket } from '../common/ws';
import type { L2Book, StreamHealth } from '../port';
import { LighterBook } from './book';
import type { LighterContext } from './options';
import { marketStatsMessage, orderBookMessage, type MarketStatsEntry } from './wire/schemas';
import { isOrderBookFrame } from './wire/book-frame';

// Lighter allows 100 subscriptions per connection (venues.md §1.7); stay below it.
const BOOKS_PER_SOCKET = 80;
// Third-party clients send an app-level ping every 10 s (venues.md §1.5).
const APP_PING_MS = 10_000;

export class LighterBooks {
  private readonly books = new Map<string, LighterBook>();
  private readonly sockets: ResilientSocket[] = [];
  private readonly socketBooks = new Map<ResilientSocket, string[]>();
  private readonly watched = new Set<string>();

  constructor(
    private readonly ctx: LighterContext,
    private readonly emit: (b: L2Book) => void,
    private readonly onStats: (e: MarketStatsEntry) => void,
  ) {}

  start(): void {
    this.openSocket([], true);
  }

  stop(): void {
    for (const s of this.sockets.splice(0)) s.close();
  }

  /** Every public socket reconnects now (VenueAdapter.reconnectStreams). */
  reconnect(): void {
    for (const s of this.sockets) s.reconnect();
  }

  health(): StreamHealth[] {
    return this.sockets.map((s) => s.health());
  }

  noteParseError(): void {
    this.sockets[0]?.noteParseError();
  }

  book(symbol: string): L2Book | undefined {
    return this.books.get(symbol)?.snapshot();
  }

  watch(symbols: readonly string[]): void {
    const fresh = symbols.filter((s) => this.ctx.markets.bySymbol.has(s) && !this.watched.has(s));
    for (const s of fresh) {
      this.watched.add(s);
      this.books.set(s, new LighterBook('lighter', s));
    }
    // Fill existing sockets up to the per-connection limit, then open new ones.
    let i = 0;
    for (const socket of this.sockets) {
      const subs = this.socketBooks.get(socket)!;
      while (subs.length < BOOKS_PER_SOCKET && i < fresh.length) {
        const sym = fresh[i++]!;
        subs.push(sym);
        if (socket.isOpen()) this.subscribe(socket, sym);
      }
    }
    while (i < fresh.length) {
      this.openSocket(fresh.slice(i, i + BOOKS_PER_SOCKET), false);
      i += BOOKS_PER_SOCKET;
    }
  }

  private openSocket(bookSymbols: string[], stats: boolean): void {
    const socket: ResilientSocket = new ResilientSocket({
      venue: 'lighter',
      stream: stats ? 'stream:market_stats' : `stream:books#${this.sockets.length}`,
      endpoints: this.ctx.options.wsUrls,
      stallMs: this.ctx.options.stallMs ?? 15_000,
      appPing: { intervalMs: APP_PING_MS, message: '{"type":"ping"}' },
      now: this.ctx.now,
      onOpen: (s) => {
        if (stats) s.send(JSON.stringify({ type: 'subscribe', channel: 'market_stats/all' }));
        for (const sym of this.socketBooks.get(s) ?? []) this.subscribe(s, sym);
      },
      onMessage: (text, t) => this.onMessage(socket, text, t),
      onDown: (kind) => {
        for (const sym of this.socketBooks.get(socket) ?? []) {
          const book = this.books.get(sym);
          if (book === undefined) continue;
          book.markStale(kind === 'stall' ? 'stream stalled' : 'connection lost');
          this.emit(book.snapshot());
        }
      },
    });
    this.socketBooks.set(socket, bookSymbols);
    this.sockets.push(socket);
    socket.start();
  }

  private subscribe(socket: ResilientSocket, symbol: string): void {
    const idx = this.ctx.markets.indexOf(symbol);
    if (idx === null) return;
    socket.send(JSON.stringify({ type: 'subscribe', channel: `order_book/${idx}` }));
  }

  /** Marks a book stale and asks for a fresh snapshot, once per staleness: after a gap every
   *  later diff is unusable too, and re-subscribing on each of them would flood the venue. */
  private requestResync(socket: ResilientSocket, book: LighterBook, reason: string): void {
    if (book.staleReason?.startsWith('resyncing') === true) return;
    const idx = this.ctx.markets.indexOf(book.symbol);
    if (idx === null) return;
    book.markStale(`resyncing after ${reason}`);
    socket.noteResync();
    socket.send(JSON.stringify({ type: 'unsubscribe', channel: `order_book/${idx}` }));
    socket.send(JSON.stringify({ type: 'subscribe', channel: `order_book/${idx}` }));
  }

  private onMessage(socket: ResilientSocket, text: string, receivedAtMs: number): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return socket.noteParseError();
    }
    if (typeof raw !== 'object' || raw === null) return socket.noteParseError();
    const type = (raw as { type?: unknown }).type;
    if (type === 'ping') {
      socket.send('{"type":"pong"}');
      return;
    }
    if (type === 'connected' || type === 'pong' || type === 'unsubscribed' || 'error' in raw) return;
    if (typeof type !== 'string') return socket.noteParseError();
    if (type.endsWith('/order_book')) {
      const channel = (raw as { channel?: unknown }).channel;
      const idx = typeof channel === 'string' ? Number(channel.split(':')[1]) : NaN;
      const book = Number.isInteger(idx) ? this.books.get(this.ctx.markets.symbolOf(idx)) : undefined;
      if (book === undefined) return socket.noteParseError();
      const msg = isOrderBookFrame(raw) ? { success: true as const, data: raw } : orderBookMessage.safeParse(raw);
      if (!msg.success) {
        socket.noteParseError();
        this.requestResync(socket, book, 'malformed frame');
      } else {
        const verdict = book.apply(msg.data, receivedAtMs);
        if (verdict === 'gap' || verdict === 'duplicate' || verdict === 'crossed') this.requestResync(socket, book, book.staleReason ?? verdict);
      }
      this.emit(book.snapshot());
      return;
    }
    if (type.endsWith('/market_stats')) {
      const msg = marketStatsMessage.safeParse(raw);
      if (!msg.success) return socket.noteParseError();
      const stats = msg.data.market_stats;
      const entries: MarketStatsEntry[] = 'symbol' in stats ? [stats as MarketStatsEntry] : Object.values(stats as Record<string, MarketStatsEntry>);
      for (const e of entries) this.onStats(e);
    }
  }

  rebases(symbol: string): number {
    return this.books.get(symbol)?.rebases ?? 0;
  }
}
