// Every Extended book over one path-based stream (venues.md §2.5). `seq` counts this connection's
// messages across all markets, so anything but last+1 — a gap, a repeat, a swap — invalidates
// every book: with additive deltas a repeated "+2" would silently double a level. Reconnecting is
// the only resync (a new connection starts with SNAPSHOTs; there is no REST merge protocol).
import type { L2Book } from '../port';
import type { Listeners } from '../common/listeners';
import { ResilientSocket } from '../common/ws';
import { ExtendedBook } from './book';
import { USER_AGENT } from './constants';
import { symbolOf } from './wire/funding';
import { bookMessage } from './wire/schemas';
import { isBookFrame } from './wire/book-frame';

export interface BookStreamOptions {
  readonly wsUrls: readonly string[];
  readonly stallMs: number;
  readonly listeners: Listeners<L2Book>;
  readonly symbolKnown: (symbol: string) => boolean;
}

export class BookStream {
  socket: ResilientSocket | null = null;
  private readonly books = new Map<string, ExtendedBook>();
  private lastSeq = 0;
  /** A reconnect for fresh snapshots is under way: don't ask again for every frame. */
  private rebuildRequested = false;

  constructor(private readonly o: BookStreamOptions) {}

  watch(symbols: readonly string[]): void {
    for (const s of symbols) if (this.o.symbolKnown(s) && !this.books.has(s)) this.books.set(s, new ExtendedBook('extended', s));
  }

  book(symbol: string): L2Book | undefined {
    return this.books.get(symbol)?.snapshot();
  }

  start(): void {
    const socket: ResilientSocket = new ResilientSocket({
      venue: 'extended',
      stream: 'orderbooks',
      endpoints: this.o.wsUrls.map((u) => `${u.replace(/\/$/, '')}/orderbooks`),
      headers: () => ({ 'User-Agent': USER_AGENT }),
      stallMs: this.o.stallMs,
      onOpen: () => {
        this.lastSeq = 0;
        this.rebuildRequested = false;
      },
      onMessage: (text, t) => this.onFrame(socket, text, t),
      onDown: (kind) => this.staleAll(kind === 'stall' ? 'stream stalled' : 'connection lost'),
    });
    this.socket = socket;
    socket.start();
  }

  stop(): void {
    this.socket?.close();
  }

  private staleAll(reason: string): void {
    for (const b of this.books.values()) {
      b.markStale(reason);
      this.o.listeners.emit(b.snapshot());
    }
  }

  private rebuild(socket: ResilientSocket): void {
    socket.noteResync();
    this.lastSeq = 0;
    this.rebuildRequested = true;
    socket.reconnect('server-close');
  }

  private onFrame(socket: ResilientSocket, text: string, receivedAtMs: number): void {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      socket.noteParseError();
      return;
    }
    const msg = isBookFrame(raw) ? { success: true as const, data: raw } : bookMessage.safeParse(raw);
    if (!msg.success) {
      socket.noteParseError();
      const m = typeof raw === 'object' && raw !== null ? (raw as { data?: { m?: unknown } }).data?.m : undefined;
      const book = typeof m === 'string' ? this.books.get(symbolOf(m)) : undefined;
      if (book !== undefined) {
        book.markStale('malformed frame');
        this.o.listeners.emit(book.snapshot());
      }
      return;
    }
    const { seq } = msg.data;
    if (this.lastSeq !== 0 && seq !== this.lastSeq + 1) {
      this.staleAll(seq <= this.lastSeq ? `duplicate or out-of-order seq ${seq} after ${this.lastSeq}` : `seq gap: expected ${this.lastSeq + 1}, got ${seq}`);
      this.rebuild(socket);
      return;
    }
    this.lastSeq = seq;
    const book = this.books.get(symbolOf(msg.data.data.m));
    if (book === undefined) return;
    const verdict = book.apply(msg.data, receivedAtMs);
    // A delta for a book with no valid snapshot can never make it whole: only a new connection
    // brings snapshots (venues.md §2.5).
    if (verdict !== 'ok' && !this.rebuildRequested) this.rebuild(socket);
    this.o.listeners.emit(book.snapshot());
  }
}
