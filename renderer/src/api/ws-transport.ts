// RawApi over the headless host's WebSocket. Calls made while the socket is down wait for the
// reconnect (bounded by a timeout) instead of failing at once; event subscriptions survive it.
import type { Result } from '../../../src-core/api/envelope';
import type { CallKind, RawApi } from '../../../src-core/api/raw-api';
import type { SocketState } from '../store/ui-connection';

interface Pending {
  resolve: (r: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface WsTransport extends RawApi {
  readonly connected: () => boolean;
  close(): void;
}

/** `onSocket` hears every change of the socket's state (the connection banner's first signal:
 *  a core that exits closes the socket at once, long before a heartbeat is missed). */
export function createWsTransport(url: string, callTimeoutMs = 10_000, onSocket: (s: SocketState) => void = () => undefined): WsTransport {
  let ws: WebSocket | null = null;
  let nextId = 1;
  let closed = false;
  let retryMs = 250;
  const pending = new Map<number, Pending>();
  const outbox: string[] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();

  const connect = (): void => {
    ws = new WebSocket(url);
    onSocket('connecting');
    ws.onopen = () => {
      retryMs = 250;
      onSocket('open');
      for (const frame of outbox.splice(0)) ws?.send(frame);
    };
    ws.onmessage = (ev: MessageEvent) => {
      let frame: { id?: number | null; result?: Result<unknown>; event?: string; payload?: unknown };
      try {
        frame = JSON.parse(String(ev.data)) as typeof frame;
      } catch {
        return;
      }
      if (typeof frame.event === 'string') {
        for (const cb of listeners.get(frame.event) ?? []) cb(frame.payload);
        return;
      }
      if (typeof frame.id === 'number' && frame.result !== undefined) {
        const p = pending.get(frame.id);
        if (p !== undefined) {
          pending.delete(frame.id);
          clearTimeout(p.timer);
          p.resolve(frame.result);
        }
      }
    };
    ws.onclose = () => {
      ws = null;
      onSocket('closed');
      if (!closed) {
        setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, 5_000);
      }
    };
  };
  connect();

  return {
    call(kind: CallKind, channel: string, payload: unknown) {
      const id = nextId++;
      const frame = JSON.stringify({ id, kind, channel, payload });
      return new Promise<Result<unknown>>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve({ ok: false, error: { code: 'UNAVAILABLE', message: `${channel}: no answer within ${callTimeoutMs} ms` } });
        }, callTimeoutMs);
        pending.set(id, { resolve, timer });
        if (ws !== null && ws.readyState === WebSocket.OPEN) ws.send(frame);
        else outbox.push(frame);
      });
    },
    on(event, cb) {
      let set = listeners.get(event);
      if (set === undefined) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(cb);
      return () => set.delete(cb);
    },
    connected: () => ws !== null && ws.readyState === WebSocket.OPEN,
    close() {
      closed = true;
      ws?.close();
    },
  };
}
