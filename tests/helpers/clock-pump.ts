// A simulator ManualClock that follows real time (orders, deadlines and books need time to pass)
// until stopped; a test stops it to jump the clock (to a settlement) and starts it again.
import type { ManualClock } from '../../src-core/venues/sim/engine/clock';

/** Advances `clock` by the real time elapsed, every 10 ms; returns the stop. */
export function pumpClock(clock: ManualClock): () => void {
  let last = performance.now();
  const t = setInterval(() => {
    const n = performance.now();
    clock.advance(Math.max(0, Math.round(n - last)));
    last = n;
  }, 10);
  return () => clearInterval(t);
}
