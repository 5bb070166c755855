// screener.update is documented as at most 10 events a second. The emitter is driven by a fake
// clock here: market batches, the once-a-second refresh and bursts of changes are replayed over
// simulated seconds and every 1 s window is counted, with no wall-clock waits.
import { describe, expect, it } from 'vitest';
import { ScreenerEmitter, type Ticker } from '../../../src-core/host/screener-emitter';

/** A clock whose timers run only when the test advances it, in time order. */
class FakeClock implements Ticker {
  nowMs = 0;
  private timers: { everyMs: number; nextMs: number; fn: () => void; live: boolean }[] = [];

  every(ms: number, fn: () => void): () => void {
    const t = { everyMs: ms, nextMs: this.nowMs + ms, fn, live: true };
    this.timers.push(t);
    return () => {
      t.live = false;
    };
  }

  advanceTo(targetMs: number): void {
    for (;;) {
      const due = this.timers.filter((t) => t.live && t.nextMs <= targetMs).sort((a, b) => a.nextMs - b.nextMs)[0];
      if (due === undefined) break;
      this.nowMs = due.nextMs;
      due.nextMs += due.everyMs;
      due.fn();
    }
    this.nowMs = targetMs;
  }
}

const SYMBOLS = Array.from({ length: 60 }, (_v, i) => `S${i}`);

function setup() {
  const clock = new FakeClock();
  const emitted: { atMs: number; rows: string[] }[] = [];
  const emitter = new ScreenerEmitter<string>({
    symbols: () => SYMBOLS,
    recompute: (symbols) => [...symbols],
    emit: (rows) => emitted.push({ atMs: clock.nowMs, rows }),
    ticker: clock,
  });
  emitter.start();
  return { clock, emitted, emitter };
}

function maxPerWindow(times: readonly number[], windowMs: number): number {
  let best = 0;
  for (let i = 0; i < times.length; i++) {
    let n = 0;
    while (i + n < times.length && times[i + n]! < times[i]! + windowMs) n++;
    best = Math.max(best, n);
  }
  return best;
}

describe('screener emitter', () => {
  it('market batches every 100 ms plus the 1 s refresh make at most 10 events in any second', () => {
    const { clock, emitted, emitter } = setup();
    // The market service flushes every 100 ms, offset from the emitter's own ticks.
    clock.every(100, () => emitter.markDirty(['S1', 'S2']));
    clock.advanceTo(50);
    clock.every(100, () => emitter.markDirty(['S3']));
    clock.advanceTo(30_000);
    const times = emitted.map((e) => e.atMs);
    expect(maxPerWindow(times, 1_000)).toBe(10);
    expect(emitted.length).toBeLessThanOrEqual(300);
    expect(emitted.length).toBeGreaterThanOrEqual(299);
  });

  it('a burst of changes is coalesced, and nothing marked is lost', () => {
    const { clock, emitted, emitter } = setup();
    // 50 updates a second, each naming a different symbol.
    let n = 0;
    const marked: { atMs: number; symbol: string }[] = [];
    clock.every(20, () => {
      const symbol = SYMBOLS[n++ % SYMBOLS.length]!;
      marked.push({ atMs: clock.nowMs, symbol });
      emitter.markDirty([symbol]);
    });
    clock.advanceTo(10_000);
    expect(maxPerWindow(emitted.map((e) => e.atMs), 1_000)).toBeLessThanOrEqual(10);
    // Every change appears in the first event at or after it, within one 100 ms interval.
    for (const m of marked.filter((x) => x.atMs < 9_900)) {
      const next = emitted.find((e) => e.atMs >= m.atMs && e.rows.includes(m.symbol));
      expect(next, `${m.symbol}@${m.atMs}`).toBeDefined();
      expect(next!.atMs - m.atMs).toBeLessThanOrEqual(100);
    }
  });

  it('without market changes every symbol is still recomputed once a second', () => {
    const { clock, emitted } = setup();
    clock.advanceTo(5_000);
    expect(emitted.map((e) => e.atMs)).toEqual([1_000, 2_000, 3_000, 4_000, 5_000]);
    for (const e of emitted) expect(e.rows).toEqual(SYMBOLS);
  });

  it('markAllDirty (a settings change) recomputes every row on the next tick, not the next second', () => {
    const { clock, emitted, emitter } = setup();
    clock.advanceTo(1_000);
    emitted.length = 0;
    emitter.markAllDirty();
    clock.advanceTo(1_100);
    expect(emitted).toEqual([{ atMs: 1_100, rows: SYMBOLS }]);
  });

  it('emits nothing after stop', () => {
    const { clock, emitted, emitter } = setup();
    emitter.stop();
    emitter.markDirty(['S1']);
    clock.advanceTo(5_000);
    expect(emitted).toEqual([]);
  });
});
