// A Node WebSocket client for the host's contract transport, used by integration tests and the
// round-trip bench. It matches replies to calls by id, like the renderer's transport does.
import WebSocket from 'ws';
import type { Result } from '../../src-core/api/envelope';

export interface TestClient {
  readonly ws: WebSocket;
  call(kind: string, channel: string, payload: unknown): Promise<Result<unknown>>;
  sendRaw(data: string | Buffer, binary?: boolean): Promise<{ id: number | null; result: Result<unknown> }>;
  events: { event: string; payload: unknown }[];
  close(): Promise<void>;
}

export async function connectClient(url: string, headers: Record<string, string> = {}): Promise<TestClient> {
  const ws = new WebSocket(url, { headers });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  let nextId = 1;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const anonymous: ((f: { id: number | null; result: Result<unknown> }) => void)[] = [];
  const events: { event: string; payload: unknown }[] = [];
  // A call the socket closed under (the server's process died) is answered UNAVAILABLE, as is a
  // call made after the close: it would otherwise wait forever (soak seed 220329457, kill 116).
  const closedResult: Result<unknown> = { ok: false, error: { code: 'UNAVAILABLE', message: 'the socket closed before the answer' } };
  ws.on('close', () => {
    for (const waiter of pending.values()) waiter(closedResult);
    pending.clear();
    for (const waiter of anonymous.splice(0)) waiter({ id: null, result: closedResult });
  });
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { id?: number | null; result?: Result<unknown>; event?: string; payload?: unknown };
    if (typeof frame.event === 'string') {
      events.push({ event: frame.event, payload: frame.payload });
      return;
    }
    const id = frame.id ?? null;
    const waiter = id === null ? undefined : pending.get(id);
    if (waiter !== undefined && id !== null) {
      pending.delete(id);
      waiter(frame.result!);
    } else {
      anonymous.shift()?.({ id, result: frame.result! });
    }
  });
  return {
    ws,
    events,
    call(kind, channel, payload) {
      const id = nextId++;
      return new Promise((resolve) => {
        if (ws.readyState !== WebSocket.OPEN) return resolve(closedResult);
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, kind, channel, payload }));
      });
    },
    sendRaw(data, binary = false) {
      return new Promise((resolve) => {
        if (ws.readyState !== WebSocket.OPEN) return resolve({ id: null, result: closedResult });
        anonymous.push(resolve);
        ws.send(data, { binary });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
      }),
  };
}
