// Book frames arrive in bursts: `ws` hands every frame of one socket read to its handler inside
// one macrotask, and both venues publish all their markets on a cadence (Lighter's 50 ms batches,
// Extended's 100 ms one), so a read is often hundreds of frames. Decoded back to back they held
// the event loop, which in the desktop app is Electron's main process, for 100 ms and more
// (docs/ARCHITECTURE.md "Responsiveness"). The queue runs the frames of every book socket in
// arrival order (one FIFO, so no frame overtakes another and none is dropped here) in slices of
// at most `sliceMs`, giving the loop a turn (timers, IPC, the private streams) between slices.
// Work that only needs the latest state (announcing a changed book) runs once per slice.
import { performance } from 'node:perf_hooks';

/** A slice's length: short enough for the 10 ms lag goal, long enough that yielding (one
 *  setImmediate per slice) costs nothing next to the frames. */
export const FRAME_SLICE_MS = 4;

/** Compact the array once this many run items sit before the head. */
const COMPACT_AFTER = 1_024;

export class FrameQueue {
  private items: (() => void)[] = [];
  private head = 0;
  private readonly sliceEnd = new Set<() => void>();
  private scheduled = false;

  constructor(
    private readonly sliceMs: number = FRAME_SLICE_MS,
    private readonly clockMs: () => number = () => performance.now(),
  ) {}

  /** Frames waiting to run. */
  get length(): number {
    return this.items.length - this.head;
  }

  /** Queues one frame's handling behind every frame queued before it. */
  push(run: () => void): void {
    this.items.push(run);
    this.schedule();
  }

  /** Runs `fn` once when the slice under way ends (the same function queued twice runs once). */
  atSliceEnd(fn: () => void): void {
    this.sliceEnd.add(fn);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.drain);
  }

  private readonly drain = (): void => {
    const start = this.clockMs();
    // Each item is guarded by its socket (a throw counts as a parse error there); the loop still
    // must not lose the rest of the queue to one that is not.
    while (this.head < this.items.length) {
      const run = this.items[this.head]!;
      this.head += 1;
      try {
        run();
      } catch {
        // counted by the socket's guard; nothing to add here
      }
      if (this.clockMs() - start >= this.sliceMs) break;
    }
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= COMPACT_AFTER) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    const hooks = [...this.sliceEnd];
    this.sliceEnd.clear();
    for (const fn of hooks) {
      try {
        fn();
      } catch {
        // listener sets contain their listeners' throws; a hook that throws skips only itself
      }
    }
    this.scheduled = false;
    if (this.length > 0 || this.sliceEnd.size > 0) this.schedule();
  };
}

/** The one queue every book socket of the process shares (both venues), so their frames keep
 *  their arrival order relative to each other and slices are bounded for the whole loop. */
export const bookFrames = new FrameQueue();
