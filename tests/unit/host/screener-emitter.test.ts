// screener.update is documented as at most 10 events a second. The emitter is driven by a fake
// clock here: market batches, the once-a-second refresh and bursts of changes are replayed over
// simulated seconds and every 1 s window is counted, with no wall-clock waits.
import { describe, expect, it } from 'vitest';
import { ScreenerEmitter, type Ticker } from '../../../src-core/host/screener-emitter';
import { pollUntil } from '../../helpers/wait';

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

describe('screener emitter with a sliced pass', () => {
  function sliced() {
    const clock = new FakeClock();
    let t = 0;
    const emitted: { atMs: number; rows: string[] }[] = [];
    const steps: string[] = [];
    function* pass(symbols: readonly string[]): Generator<void, string[]> {
      for (const s of symbols) {
        steps.push(s);
        yield;
      }
      return [...symbols];
    }
    const emitter = new ScreenerEmitter<string>({
      symbols: () => SYMBOLS,
      recompute: (symbols) => [...symbols],
      emit: (rows) => emitted.push({ atMs: clock.nowMs, rows }),
      ticker: clock,
      pass,
      // The pass's clock moves 1 ms a read: a slice is three symbols.
      sliceMs: 3,
      clockMs: () => t++,
    });
    emitter.start();
    return { clock, emitted, emitter, steps };
  }

  it('yields to the loop between slices and sends one event with every symbol of the pass', async () => {
    const { clock, emitted, emitter, steps } = sliced();
    emitter.markDirty(['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7']);
    clock.advanceTo(100);
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.length).toBeLessThan(7);
    expect(emitted).toEqual([]);
    await pollUntil(() => emitted.length === 1, { what: 'the pass to end' });
    expect(emitted).toEqual([{ atMs: 100, rows: ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7'] }]);
  });

  it('a tick while a pass runs starts no second pass; its marks go into the next one', async () => {
    const { clock, emitted, emitter } = sliced();
    emitter.markDirty(['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7']);
    clock.advanceTo(100);
    emitter.markDirty(['S9']);
    clock.advanceTo(200);
    await pollUntil(() => emitted.length === 1, { what: 'the first pass to end' });
    expect(emitted[0]!.rows).not.toContain('S9');
    clock.advanceTo(300);
    await pollUntil(() => emitted.length === 2, { what: 'the second pass' });
    expect(emitted[1]!.rows).toEqual(['S9']);
  });

  it('a pass under way at stop sends nothing', async () => {
    const { clock, emitted, emitter, steps } = sliced();
    emitter.markDirty(['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7']);
    clock.advanceTo(100);
    emitter.stop();
    const stepsAtStop = steps.length;
    // Two turns of the loop: the next slice would have run in the first.
    await new Promise<void>((r) => setImmediate(r));
    await new Promise<void>((r) => setImmediate(r));
    expect(steps.length).toBe(stepsAtStop);
    expect(emitted).toEqual([]);
  });
});
