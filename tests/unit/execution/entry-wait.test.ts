// Bounded waits on an injected clock: a poke or the deadline ends a wait, whichever is first.
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../src-core/domain/clock';
import { Wakeup, withDeadline } from '../../../src-core/execution/entry-wait';

/** A manual monotonic clock whose timers fire when advanced. */
function manualClock(): Clock & { advance(ms: number): void; pending(): number } {
  let t = 1_000;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => 1_700_000_000_000 + t,
    monoNow: () => t,
    after(ms, fn) {
      const timer = { at: t + ms, fn };
      timers.push(timer);
      return () => {
        timers = timers.filter((x) => x !== timer);
      };
    },
    advance(ms) {
      t += ms;
      const due = timers.filter((x) => x.at <= t);
      timers = timers.filter((x) => x.at > t);
      for (const d of due) d.fn();
    },
    pending: () => timers.length,
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('Wakeup', () => {
  it('a poke ends every wait at once and clears their timers', async () => {
    const c = manualClock();
    const w = new Wakeup(c);
    let a = false;
    let b = false;
    void w.wait(c.monoNow() + 5_000).then(() => (a = true));
    void w.wait(c.monoNow() + 9_000).then(() => (b = true));
    expect(c.pending()).toBe(2);
    await tick();
    expect([a, b]).toEqual([false, false]);
    w.poke();
    await tick();
    expect([a, b]).toEqual([true, true]);
    expect(c.pending()).toBe(0);
  });
  it('the deadline ends a wait without a poke, not a millisecond earlier', async () => {
    const c = manualClock();
    const w = new Wakeup(c);
    let done = false;
    void w.wait(c.monoNow() + 100).then(() => (done = true));
    c.advance(99);
    await tick();
    expect(done).toBe(false);
    c.advance(1);
    await tick();
    expect(done).toBe(true);
    // A poke after the deadline finds nobody waiting.
    w.poke();
  });
  it('a deadline already passed resolves at once without a timer', async () => {
    const c = manualClock();
    const w = new Wakeup(c);
    let done = false;
    void w.wait(c.monoNow()).then(() => (done = true));
    expect(c.pending()).toBe(0);
    await tick();
    expect(done).toBe(true);
  });
  it('a poke wakes only the waits already started', async () => {
    const c = manualClock();
    const w = new Wakeup(c);
    w.poke();
    let done = false;
    void w.wait(c.monoNow() + 50).then(() => (done = true));
    await tick();
    expect(done).toBe(false);
    c.advance(50);
    await tick();
    expect(done).toBe(true);
  });
});

describe('withDeadline', () => {
  it('gives the value when the promise wins, and clears its timer', async () => {
    const c = manualClock();
    const r = await withDeadline(c, Promise.resolve(42), c.monoNow() + 1_000);
    expect(r).toEqual({ kind: 'done', value: 42 });
    expect(c.pending()).toBe(0);
  });
  it('gives the error when the promise fails', async () => {
    const c = manualClock();
    const err = new Error('boom');
    expect(await withDeadline(c, Promise.reject(err), c.monoNow() + 1_000)).toEqual({ kind: 'failed', error: err });
  });
  it('times out at the deadline and ignores a later result or rejection', async () => {
    const c = manualClock();
    let reject: (e: unknown) => void = () => undefined;
    const slow = new Promise<number>((_, rej) => (reject = rej));
    const p = withDeadline(c, slow, c.monoNow() + 300);
    c.advance(299);
    let settled = false;
    void p.then(() => (settled = true));
    await tick();
    expect(settled).toBe(false);
    c.advance(1);
    expect(await p).toEqual({ kind: 'timeout' });
    reject(new Error('late'));
    await tick();
  });
  it('a deadline already passed times out on the next timer turn', async () => {
    const c = manualClock();
    const p = withDeadline(c, new Promise(() => undefined), c.monoNow() - 5);
    c.advance(0);
    expect(await p).toEqual({ kind: 'timeout' });
  });
});
