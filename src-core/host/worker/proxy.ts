// Main's handle on the core running in a worker thread (host/worker/entry.ts): the CoreShell
// main/ uses, over the protocol in protocol.ts. Every call resolves (an error Result when the
// worker is not running), so no caller of the crash guard's path can raise a rejection of its
// own. A worker that dies is a crash: pending calls answer UNAVAILABLE, `onCrash` is told, and
// the worker is started again (at most `maxRestarts` times in RESTART_WINDOW_MS); the restarted
// core is then HALTED, since whatever it was doing when it died is in doubt until the trader
// has looked.
import { Worker } from 'node:worker_threads';
import { err, type Result } from '../../api/envelope';
import type { TradingStateRecord } from '../../store/trading-state-repo';
import type { Logger } from '../../telemetry/log';
import type { Exposure } from '../exposure-count';
import { sourceEntry, type WorkerEntry } from './entry-file';
import { workerMessageSchema, type CoreWorkerOptions, type WorkerRequestBody } from './protocol';
import { EventHub } from '../../api/events';
import type { CoreShell } from './shell';

export const RESTART_WINDOW_MS = 10 * 60_000;

export type CoreCrashKind = 'uncaught-exception' | 'unhandled-rejection' | 'worker-gone';

export interface CoreWorkerDeps {
  /** Default: the TypeScript entry through tsx (entry-file.ts); the app passes its bundle's. */
  readonly entry?: WorkerEntry;
  readonly log?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** An exception the core did not handle, or the worker gone (main/crash-guard.ts). */
  readonly onCrash?: (kind: CoreCrashKind, detail: string) => void;
  readonly maxRestarts?: number;
  readonly now?: () => number;
}

export interface LoopDelay {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface CoreWorker extends CoreShell {
  /** The worker's own event-loop delay since the last reset, null before any sample (benches). */
  loopDelay(reset: boolean): Promise<LoopDelay | null>;
  /** Whether a worker is up and serving. */
  running(): boolean;
}

interface Live {
  readonly worker: Worker;
  ready: boolean;
}

const stopped = (why: string): Result<never> => err('UNAVAILABLE', `the core is not running: ${why}`);

/** Starts the worker and resolves once its core is up; rejects when createCore failed. */
export async function startCoreWorker(options: CoreWorkerOptions, deps: CoreWorkerDeps = {}): Promise<CoreWorker> {
  const entry = deps.entry ?? sourceEntry();
  const now = deps.now ?? Date.now;
  // Main's side of the core's events: the worker validated each on emit.
  const relay = new EventHub(deps.log);
  const pending = new Map<number, (r: Result<unknown>) => void>();
  let nextId = 1;
  let live: Live | null = null;
  let state: TradingStateRecord = { state: 'HALTED', reason: 'the core has not started', changedAtMs: now() };
  let simulatorLines: readonly string[] = [];
  let closing: Promise<void> | null = null;
  let restarts: number[] = [];

  const failPending = (why: string): void => {
    for (const resolve of pending.values()) resolve(stopped(why));
    pending.clear();
  };

  const onMessage = (raw: unknown): void => {
    const parsed = workerMessageSchema.safeParse(raw);
    if (!parsed.success) {
      deps.log?.error('core worker: a message that is not the protocol was dropped', { error: parsed.error.message.slice(0, 500) });
      return;
    }
    const m = parsed.data;
    if (m.type === 'reply') {
      const resolve = m.id === null ? undefined : pending.get(m.id);
      if (resolve === undefined) return;
      pending.delete(m.id!);
      resolve(m.result);
    } else if (m.type === 'event') {
      if (m.event === 'trading.state.changed') state = m.payload as TradingStateRecord;
      relay.deliver(m.event, m.payload);
    } else if (m.type === 'crash') {
      deps.onCrash?.(m.kind, m.detail);
    }
  };

  const spawn = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(entry.code, { eval: entry.eval, workerData: options });
      const me: Live = { worker, ready: false };
      live = me;
      let lastError = '';
      worker.on('message', (raw: unknown) => {
        if (me.ready) return onMessage(raw);
        const m = workerMessageSchema.safeParse(raw);
        if (!m.success) return;
        if (m.data.type === 'ready') {
          me.ready = true;
          state = m.data.tradingState;
          simulatorLines = m.data.simulatorLines;
          resolve();
        } else if (m.data.type === 'failed') {
          lastError = m.data.error;
          void worker.terminate();
        }
      });
      worker.on('error', (e) => (lastError = `${e.name}: ${e.message}`));
      worker.on('exit', (code) => {
        if (live === me) live = null;
        const detail = `${lastError === '' ? 'the core worker ended' : lastError} (exit code ${code})`;
        if (!me.ready) return reject(new Error(detail));
        failPending(detail);
        if (closing === null) gone(detail);
      });
    });

  const gone = (detail: string): void => {
    deps.log?.error('core worker: died', { detail });
    deps.onCrash?.('worker-gone', detail);
    const t = now();
    restarts = restarts.filter((r) => t - r < RESTART_WINDOW_MS);
    if (restarts.length >= (deps.maxRestarts ?? 3)) {
      deps.log?.error('core worker: not restarted again (it keeps dying): the core is down', { restarts: restarts.length });
      return;
    }
    restarts.push(t);
    spawn()
      .then(async () => {
        const r = await request({ op: 'tighten', state: 'HALTED', reason: `shell: the core stopped (${detail}) and was restarted: what it was doing is in doubt`.slice(0, 200) });
        deps.log?.warn('core worker: restarted; trading HALTED', { tightened: r.ok });
      })
      .catch((e: unknown) => {
        deps.log?.error('core worker: the restart failed: the core is down', { error: e instanceof Error ? e.message : String(e) });
        deps.onCrash?.('worker-gone', `restart failed: ${e instanceof Error ? e.message : String(e)}`);
      });
  };

  const request = (body: WorkerRequestBody): Promise<Result<unknown>> => {
    const w = live;
    if (w === null || !w.ready) return Promise.resolve(stopped(closing === null ? 'it is starting again' : 'it was closed'));
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      try {
        w.worker.postMessage({ id, ...body });
      } catch (e) {
        // A payload that cannot cross a thread (a function, a socket): refused, nothing sent.
        pending.delete(id);
        resolve(err('BAD_REQUEST', `the request cannot be sent to the core: ${e instanceof Error ? e.message : String(e)}`));
      }
    });
  };

  await spawn();

  const value = async <T>(body: WorkerRequestBody): Promise<T> => {
    const r = await request(body);
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };

  return {
    dispatcher: { call: (kind, channel, payload) => request({ op: 'call', kind, channel, payload }) },
    events: relay,
    tradingState: () => state,
    exposure: () => value<Exposure>({ op: 'exposure' }),
    tighten: async (s, reason) => {
      const r = await request({ op: 'tighten', state: s, reason });
      // The change is announced as an event too; this only saves waiting for it.
      if (r.ok && r.value !== null) state = r.value as TradingStateRecord;
      return r as Result<TradingStateRecord | null>;
    },
    power: {
      suspend: () => void request({ op: 'suspend' }),
      resume: () => request({ op: 'resume' }),
    },
    get simulatorLines() {
      return simulatorLines;
    },
    loopDelay: (reset) => value<LoopDelay | null>({ op: 'loopDelay', reset }),
    running: () => live?.ready === true,
    close() {
      closing ??= (async () => {
        const w = live;
        if (w === null) return;
        const r = await request({ op: 'close' });
        if (!r.ok) deps.log?.error('core worker: the close failed', { error: r.error.message });
        await w.worker.terminate();
      })();
      return closing;
    },
  };
}
