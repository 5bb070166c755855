// main.event_loop_lag_p99_ms: the responsiveness of Electron main's event loop while the core
// streams 120 markets and holds 20 pairs. As in the app (main/index.ts), the core runs in a
// worker thread behind src-core/host/worker/proxy.ts; this thread stands for main, which only
// relays: every event the core emits arrives here as a message (the renderer's feed), so what
// is left on this loop is that relay plus whatever IPC call, window event or tray click comes.
// The load is core-process/worker-core.ts (simulator in a child process, pairs opened through
// the proxy's dispatcher). Measured with perf_hooks.monitorEventLoopDelay over the hold (after
// the pairs opened): the p99 of the delay a 10 ms timer sees beyond its due time. The worker's
// own loop delay over the same hold is reported in the figure's unit (informational: that loop carries
// the book frames, screener, trading core and SQLite), with an idle thread's (the machine's
// scheduling floor), the events relayed per second and the load average.
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { round, type BenchResult } from './harness';
import { startWorkerLoadedCore } from './core-process/worker-core';

export const name = 'main';
/** Runs after the micro benches (run.ts). */
export const heavy = true;

const HOLD_MS = 60_000;
/** The sampling timer's period: the histogram records how late each tick fires. */
const RESOLUTION_MS = 10;

/** A thread of this process that does nothing but sample its own loop: what the machine's
 *  scheduling alone costs a thread (on a shared 2-core machine a runnable thread waits for a
 *  core), the floor under main's figure. Answers any message with its p99 lag in ms. */
const IDLE_THREAD = `const { parentPort } = require('node:worker_threads');
const h = require('node:perf_hooks').monitorEventLoopDelay({ resolution: ${RESOLUTION_MS} });
h.enable();
parentPort.on('message', () => { h.disable(); parentPort.postMessage(Math.max(0, h.percentile(99) / 1e6 - ${RESOLUTION_MS})); });`;

function idleThreadP99(idle: Worker): Promise<number> {
  return new Promise((resolve) => {
    idle.once('message', (ms: number) => resolve(ms));
    idle.postMessage('report');
  });
}

export async function run(): Promise<BenchResult[]> {
  const loaded = await startWorkerLoadedCore('main');
  const h = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  try {
    // What main relays (the renderer's feed), and how busy the machine was: on a shared 2-core
    // machine the main thread also waits for a core to run on.
    let relayed = 0;
    const off = loaded.core.events.subscribeAll(() => (relayed += 1));
    const loadAtStart = loadavg()[0]!;
    // Starts the worker's own histogram, from the hold's start.
    await loaded.core.loopDelay(true);
    const idle = new Worker(IDLE_THREAD, { eval: true });
    h.enable();
    await new Promise((r) => setTimeout(r, HOLD_MS));
    h.disable();
    const idleP99 = await idleThreadP99(idle);
    await idle.terminate();
    off();
    const load = `load ${round(loadAtStart, 1)}–${round(loadavg()[0]!, 1)}`;
    const worker = await loaded.core.loopDelay(false);
    // The histogram is in nanoseconds and includes the timer's own period: subtract it, so the
    // figure is the lag beyond the due time.
    const lagMs = (ns: number) => round(Math.max(0, ns / 1e6 - RESOLUTION_MS), 2);
    // The worker's own figure rides in the unit: it has no goal here (the core's latency goals
    // are the core.* benches'), and a figure without a target would always read as met or missed.
    const workerLag = worker === null ? 'no sample' : `p99 ${round(worker.p99Ms, 2)} ms, p50 ${round(worker.p50Ms, 2)} ms, max ${round(worker.maxMs, 2)} ms`;
    return [
      {
        bench: 'main.event_loop_lag_p99_ms',
        value: lagMs(h.percentile(99)),
        unit: `ms (main thread, core in a worker thread; ${loaded.markets} markets streaming, ${loaded.opened} open pairs, ${HOLD_MS / 1000} s; p50 ${lagMs(h.percentile(50))} ms, max ${lagMs(h.max)} ms; ${round(relayed / (HOLD_MS / 1000), 1)} events/s relayed; ${load}; an idle thread's p99 over the hold ${round(idleP99, 2)} ms; the core worker's own loop: ${workerLag})`,
        target: 10,
        better: 'lower',
      },
    ];
  } finally {
    h.disable();
    await loaded.stop();
  }
}
