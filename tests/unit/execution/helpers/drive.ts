// Driving an awaited operation over the manual clock: the clock moves in steps, every ready
// continuation runs between them, until the operation ends (or the test fails past a bound).
import { flush, type ManualClock } from './scripted-tracker';

/** Moves the manual clock in `stepMs` steps until `p` resolves; fails past `maxMs`. */
export async function settle<T>(x: { readonly clock: ManualClock }, p: Promise<T>, stepMs = 100, maxMs = 600_000): Promise<T> {
  let done = false;
  void p.then(() => (done = true), () => (done = true));
  for (let t = 0; t <= maxMs && !done; t += stepMs) {
    await flush();
    if (!done) x.clock.advance(stepMs);
  }
  await flush();
  if (!done) throw new Error(`did not end within ${maxMs} ms of the manual clock`);
  return p;
}
