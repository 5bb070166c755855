// How far V8 lets the old generation grow past what the last full GC left alive, set by the core
// for the process that hosts it (Electron main, or the headless host).
//
// Why: the core's live heap is small (about 35 MB after a GC, with 120 markets' books streaming
// and 20 pairs open: tests/bench/core.bench.ts), but it allocates fast, and much of that
// survives two scavenges and is promoted to the old generation (taken to be the book streams: a
// book snapshot lives until the next frame of its market; not profiled). V8's default growing factor (up to 4x the live size
// after each mark-compact on a desktop-sized machine) then let the old generation sit at 130-175 MB
// of mostly garbage, and the process at 320 MB RSS (compiled) to 495 MB (under tsx in the bench
// runner). With the limit at 1.2x the live size the same load peaks at 160-194 MB RSS
// (measured 2026-12-04, core.bench.ts header).
//
// The flag is one V8 reads at every full GC when it sets the next limit (heap/memory-controller:
// factor = 1 + heap_growing_percent / 100), so setting it after start takes effect; the sizes
// fixed when the heap was configured cannot be changed this way (--max-semi-space-size=2 set at
// run time left the new space at 32 MB), which is why the semi-space is left as it is.
import { setFlagsFromString } from 'node:v8';

/** The old generation may grow to (1 + this / 100) times the live size before the next full GC. */
export const HEAP_GROWING_PERCENT = 20;

/** Idempotent: a second core in the same process (tests) sets the same value. */
export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
