// Two clocks, because they answer different questions. Wall-clock time (`now`) stamps records
// and is compared with venue timestamps; it can jump (NTP, the user's clock). Deadlines and
// budgets (a maker leg's time, a hedge attempt, a pair's whole entry) run on the monotonic clock
// (`monoNow`), which never jumps, and they include the time spent in I/O. Timers are part of the
// clock so a test can drive every deadline from one injected source.
export interface Clock {
  /** Wall-clock epoch ms, for records. */
  now(): number;
  /** Monotonic ms (arbitrary origin), for deadlines and latency. */
  monoNow(): number;
  /** Calls `fn` once after `ms` of monotonic time; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monoNow: () => performance.now(),
  after(ms, fn) {
    // Node treats a negative delay as 0; unref: a pending deadline never keeps the process alive.
    const t = setTimeout(fn, ms);
    t.unref();
    return () => clearTimeout(t);
  },
};

/** Milliseconds left until a monotonic deadline (never negative). */
export function remainingMs(clock: Pick<Clock, 'monoNow'>, deadlineMono: number): number {
  return Math.max(0, deadlineMono - clock.monoNow());
}
