// Injectable clock. The app runs the simulator on real time; tests use a manual clock and
// advance it, which runs every timer that falls due in order, synchronously and deterministically.

export interface SimClock {
  nowMs(): number;
  /** Calls fn every intervalMs of clock time; returns a cancel function. */
  every(intervalMs: number, fn: () => void): () => void;
  /** Calls fn once after delayMs of clock time. */
  after(delayMs: number, fn: () => void): () => void;
}

export class RealClock implements SimClock {
  nowMs(): number {
    return Date.now();
  }
  every(intervalMs: number, fn: () => void): () => void {
    const t = setInterval(fn, intervalMs);
    t.unref?.();
    return () => clearInterval(t);
  }
  after(delayMs: number, fn: () => void): () => void {
    const t = setTimeout(fn, delayMs);
    t.unref?.();
    return () => clearTimeout(t);
  }
}

interface Timer {
  id: number;
  dueMs: number;
  intervalMs: number | null;
  fn: () => void;
}

export class ManualClock implements SimClock {
  private t: number;
  private timers: Timer[] = [];
  private nextId = 1;

  constructor(startMs: number) {
    this.t = startMs;
  }

  nowMs(): number {
    return this.t;
  }

  every(intervalMs: number, fn: () => void): () => void {
    return this.add(this.t + intervalMs, intervalMs, fn);
  }

  after(delayMs: number, fn: () => void): () => void {
    return this.add(this.t + delayMs, null, fn);
  }

  /** Moves time forward, firing due timers in time order (ties in creation order). */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let next: Timer | undefined;
      for (const timer of this.timers) if (timer.dueMs <= end && (next === undefined || timer.dueMs < next.dueMs || (timer.dueMs === next.dueMs && timer.id < next.id))) next = timer;
      if (next === undefined) break;
      this.t = next.dueMs;
      if (next.intervalMs === null) this.timers = this.timers.filter((x) => x !== next);
      else next.dueMs += next.intervalMs;
      next.fn();
    }
    this.t = end;
  }

  private add(dueMs: number, intervalMs: number | null, fn: () => void): () => void {
    const timer: Timer = { id: this.nextId++, dueMs, intervalMs, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }
}
