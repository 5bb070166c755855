// Backpressure for the headless host's WebSocket clients. ws.send never blocks: a client that
// stops reading (a suspended laptop lid, a paused debugger, a hostile script) makes every frame
// queue in the host's memory without bound. Per client, past `highWaterBytes` of unsent data:
// events are coalesced (only the newest payload of each event name is kept, so the held state is
// bounded by the number of event names, and a client that catches up sees the latest state of
// every stream); a client over the mark for `laggardMs` on end is terminated, and the renderer's
// transport reconnects and re-reads everything; a reply that would push the buffer past
// `hardLimitBytes` terminates at once (a client that sends calls and never reads the answers).
import type { WebSocket } from 'ws';

export interface BackpressureLimits {
  /** Unsent bytes above which events are coalesced instead of sent. */
  readonly highWaterBytes: number;
  /** Unsent bytes a reply may never push a client past: terminated instead. */
  readonly hardLimitBytes: number;
  /** A client over the high-water mark this long is terminated. */
  readonly laggardMs: number;
  /** How often held events are flushed and laggards looked for. */
  readonly checkIntervalMs: number;
  /** Connections beyond this are refused (503): each costs a socket and its buffers. */
  readonly maxClients: number;
}

// A settings.changed frame is a few KiB and a burst of screener rows tens of KiB: 1 MiB is
// hundreds of frames of slack for a reader that is slow, not stopped.
export const DEFAULT_BACKPRESSURE: BackpressureLimits = {
  highWaterBytes: 1 << 20,
  hardLimitBytes: 8 << 20,
  laggardMs: 15_000,
  checkIntervalMs: 250,
  maxClients: 8,
};

export interface ClientStats {
  readonly bufferedBytes: number;
  readonly heldEvents: number;
  readonly coalescedEvents: number;
}

export class ClientOutbox {
  private readonly held = new Map<string, string>();
  private overSinceMs: number | null = null;
  private coalesced = 0;

  constructor(
    private readonly ws: WebSocket,
    private readonly limits: BackpressureLimits,
  ) {}

  private get open(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  sendEvent(event: string, text: string): void {
    if (!this.open) return;
    if (this.held.size > 0 || this.ws.bufferedAmount >= this.limits.highWaterBytes) {
      if (this.held.delete(event)) this.coalesced += 1;
      this.held.set(event, text); // re-inserted last: held events flush oldest-first
      return;
    }
    this.ws.send(text);
  }

  sendReply(text: string): void {
    if (!this.open) return;
    if (this.ws.bufferedAmount + Buffer.byteLength(text) > this.limits.hardLimitBytes) {
      this.ws.terminate();
      return;
    }
    this.ws.send(text);
  }

  /** Flushes held events while under the mark; terminates a persistent laggard. */
  check(nowMs: number): void {
    if (!this.open) return;
    if (this.ws.bufferedAmount < this.limits.highWaterBytes) {
      this.overSinceMs = null;
      for (const [event, text] of this.held) {
        if (this.ws.bufferedAmount >= this.limits.highWaterBytes) break;
        this.held.delete(event);
        this.ws.send(text);
      }
      return;
    }
    this.overSinceMs ??= nowMs;
    if (nowMs - this.overSinceMs >= this.limits.laggardMs) {
      this.held.clear();
      this.ws.terminate(); // not close(): the closing handshake would wait behind the unread bytes
    }
  }

  stats(): ClientStats {
    return { bufferedBytes: this.ws.bufferedAmount, heldEvents: this.held.size, coalescedEvents: this.coalesced };
  }
}
