// A hand-driven Clock['after']: every deadline armed is recorded (its delay, its callback, whether
// it is still live) and fires only when the test says so.
export class HandDeadlines {
  readonly armed: { ms: number; fn: () => void; live: boolean }[] = [];
  after(ms: number, fn: () => void): () => void {
    const t = { ms, fn, live: true };
    this.armed.push(t);
    return () => (t.live = false);
  }
  live() {
    return this.armed.filter((t) => t.live);
  }
  /** Fires the one live deadline (fails the test when there is not exactly one). */
  fire(): void {
    const live = this.live();
    if (live.length !== 1) throw new Error(`HandDeadlines.fire: ${live.length} live deadlines, expected 1`);
    live[0]!.live = false;
    live[0]!.fn();
  }
}
