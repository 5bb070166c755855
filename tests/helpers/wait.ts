// The suite's one way to wait: poll a condition until it holds or a generous deadline passes.
// It returns as soon as the condition holds, so a fast machine pays nothing for the deadline and
// a busy CI machine (2 cores, other CPU hogs) gets 20 s before a test calls anything lost.
// Never wait a fixed time and then assert: a sleep is either too short under load or wasted.
import type WebSocket from 'ws';

/** How long a test waits for something that should happen "soon" before failing. */
export const DEADLINE_MS = 20_000;

export interface PollOptions<T> {
  /** Accepts a probed value; by default anything but undefined, null and false. */
  readonly until?: (value: T) => boolean;
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  /** Named in the timeout error, with the last probed value. */
  readonly what?: string;
}

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== false;

/** Calls `probe` until its value is accepted and returns that value; throws at the deadline,
 *  also when a probe itself has not answered by then (a query to a process that died never
 *  answers: without this bound the wait had no deadline at all, soak seed 220329457 kill 116). */
export async function pollUntil<T>(probe: () => T | Promise<T>, options: PollOptions<T> = {}): Promise<T> {
  const until = options.until ?? present;
  const timeoutMs = options.timeoutMs ?? DEADLINE_MS;
  const intervalMs = options.intervalMs ?? 10;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await boundedProbe(probe, deadline, () => `pollUntil: ${options.what ?? 'condition'}: a probe did not answer within ${timeoutMs} ms`);
    if (until(value)) return value;
    if (Date.now() >= deadline) {
      let shown: string;
      try {
        shown = JSON.stringify(value)?.slice(0, 200) ?? String(value);
      } catch {
        shown = String(value);
      }
      throw new Error(`pollUntil: ${options.what ?? 'condition'} did not hold within ${timeoutMs} ms (last value: ${shown})`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

async function boundedProbe<T>(probe: () => T | Promise<T>, deadline: number, message: () => string): Promise<T> {
  const value = probe();
  // A plain value is awaited as before (one tick): an `until` reading other state sees it as the
  // probe left it.
  if (!(value instanceof Promise)) return value;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), Math.max(0, deadline - Date.now()) + 1_000);
  });
  try {
    return await Promise.race([value, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once every frame the server sent before it saw our ping has arrived: the server
 *  answers a protocol ping on the same ordered TCP stream, after anything it already wrote. */
export function wsBarrier(ws: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    const onClose = () => reject(new Error('socket closed before the barrier pong'));
    ws.once('pong', () => {
      ws.off('close', onClose);
      resolve();
    });
    ws.once('close', onClose);
    ws.ping();
  });
}
