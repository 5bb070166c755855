// Bounded waiting for the entry's loops. Every wait ends at a monotonic deadline measured on the
// injected clock (domain/clock.ts), whatever the I/O behind it does: a slow request is never
// allowed to stretch a budget (upstream counted sleeps, not request time: reference-upstream
// §13 B3/B4).
import type { Clock } from '../domain/clock';

/** A wake-up call: `wait` resolves at the next `poke` or at the deadline, whichever is first. */
export class Wakeup {
  private waiters = new Set<() => void>();

  constructor(private readonly clock: Pick<Clock, 'monoNow' | 'after'>) {}

  poke(): void {
    const ws = this.waiters;
    this.waiters = new Set();
    for (const w of ws) w();
  }

  wait(deadlineMono: number): Promise<void> {
    return new Promise((resolve) => {
      const ms = deadlineMono - this.clock.monoNow();
      if (ms <= 0) {
        resolve();
        return;
      }
      let cancel: () => void = () => undefined;
      const done = () => {
        cancel();
        this.waiters.delete(done);
        resolve();
      };
      this.waiters.add(done);
      cancel = this.clock.after(ms, done);
    });
  }
}

/** Resolves after `ms` on the clock, or at the deadline if that comes first. */
export function pause(clock: Pick<Clock, 'monoNow' | 'after'>, ms: number, deadlineMono: number): Promise<void> {
  const wait = Math.max(0, Math.min(ms, deadlineMono - clock.monoNow()));
  return new Promise((resolve) => {
    clock.after(wait, resolve);
  });
}

export type Bounded<T> = { readonly kind: 'done'; readonly value: T } | { readonly kind: 'failed'; readonly error: unknown } | { readonly kind: 'timeout' };

/** The promise's result, or 'timeout' at the deadline (the promise runs on; its later result
 *  is dropped, and a later rejection is swallowed so it cannot crash the process). */
export function withDeadline<T>(clock: Pick<Clock, 'monoNow' | 'after'>, p: Promise<T>, deadlineMono: number): Promise<Bounded<T>> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (b: Bounded<T>) => {
      if (settled) return;
      settled = true;
      cancel();
      resolve(b);
    };
    const cancel = clock.after(Math.max(0, deadlineMono - clock.monoNow()), () => finish({ kind: 'timeout' }));
    p.then(
      (value) => finish({ kind: 'done', value }),
      (error: unknown) => finish({ kind: 'failed', error }),
    );
  });
}
