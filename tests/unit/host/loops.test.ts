// The small host loops, driven by a hand ticker (no timers): the health sample, the funding
// history backfill, the funding refresh and the heartbeat.
import { describe, expect, it } from 'vitest';
import type { HealthSnapshot } from '../../../src-core/api/channels/health';
import { defaultSettings, type Settings } from '../../../src-core/config/schema';
import { BACKFILL_EVERY_MS, startBackfillLoop } from '../../../src-core/host/loops/backfill';
import { FUNDING_REFRESH_MS, startFundingRefresh } from '../../../src-core/host/loops/funding-refresh';
import { HEALTH_SAMPLE_MS, startHealthLoop } from '../../../src-core/host/loops/health';
import { startHeartbeat } from '../../../src-core/host/loops/heartbeat';
import type { Ticker } from '../../../src-core/host/screener-emitter';
import type { BackfillProgress } from '../../../src-core/market/funding-history';
import { createLogger } from '../../../src-core/telemetry/log';

class HandTicker implements Ticker {
  readonly intervals: number[] = [];
  fn: (() => void) | null = null;
  every(ms: number, fn: () => void): () => void {
    this.intervals.push(ms);
    this.fn = fn;
    return () => (this.fn = null);
  }
}

function logs() {
  const lines: { level: string; msg: string; error?: string }[] = [];
  return { lines, log: createLogger({ level: 'debug', sink: (l) => lines.push(JSON.parse(l) as { level: string; msg: string }) }) };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const emitted = () => {
  const out: { event: string; payload: unknown }[] = [];
  return { out, events: { emit: (event: string, payload: unknown) => void out.push({ event, payload }) } };
};

describe('health loop', () => {
  it('sends one sample per tick, once a second by default', () => {
    const ticker = new HandTicker();
    const { out, events } = emitted();
    let n = 0;
    const loop = startHealthLoop({ sample: () => ({ sampledAtMs: ++n }) as unknown as HealthSnapshot, events, log: logs().log, ticker });
    expect(ticker.intervals).toEqual([HEALTH_SAMPLE_MS]);
    expect(HEALTH_SAMPLE_MS).toBe(1_000);
    ticker.fn!();
    ticker.fn!();
    expect(out).toEqual([
      { event: 'health.update', payload: { sampledAtMs: 1 } },
      { event: 'health.update', payload: { sampledAtMs: 2 } },
    ]);
    loop.stop();
    expect(ticker.fn).toBeNull();
  });

  it('a sample that throws is logged and skipped; the next tick samples again', () => {
    const ticker = new HandTicker();
    const { out, events } = emitted();
    const { lines, log } = logs();
    let fail = true;
    startHealthLoop({ sample: () => (fail ? (() => { throw new Error('boom'); })() : ({ ok: 1 } as unknown as HealthSnapshot)), events, log, ticker });
    expect(() => ticker.fn!()).not.toThrow();
    expect(out).toEqual([]);
    expect(lines).toMatchObject([{ level: 'error', msg: 'health sample failed', error: 'boom' }]);
    fail = false;
    ticker.fn!();
    expect(out).toHaveLength(1);
  });
});

describe('backfill loop', () => {
  const progress = (rowsWritten: number): BackfillProgress => ({ done: 2, total: 2, rowsWritten });
  function setup(settings: () => Settings = () => defaultSettings) {
    const runs: { days: number; nowMs: number; symbols: readonly string[]; shouldStop: () => boolean; done: ReturnType<typeof deferred<BackfillProgress>> }[] = [];
    const history = {
      backfill: (_ports: unknown, symbols: readonly string[], days: number, nowMs: number, _p: unknown, shouldStop: () => boolean = () => false) => {
        const done = deferred<BackfillProgress>();
        runs.push({ days, nowMs, symbols, shouldStop, done });
        return done.promise;
      },
    };
    const ticker = new HandTicker();
    const { lines, log } = logs();
    const ports = { lighter: { fundingHistory: async () => [] }, extended: { fundingHistory: async () => [] } };
    const loop = startBackfillLoop({ history, ports, symbols: () => ['ETH', 'BTC'], settings, log, now: () => 42, ticker });
    return { runs, ticker, lines, loop };
  }

  it('runs at start with the symbols, historyDays and time, then every ten minutes', async () => {
    const { runs, ticker, lines } = setup();
    expect(ticker.intervals).toEqual([BACKFILL_EVERY_MS]);
    expect(BACKFILL_EVERY_MS).toBe(600_000);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ days: defaultSettings.screener.historyDays, nowMs: 42, symbols: ['ETH', 'BTC'] });
    runs[0]!.done.resolve(progress(7));
    await runs[0]!.done.promise;
    await Promise.resolve();
    expect(lines.find((l) => l.msg === 'funding history up to date')).toMatchObject({ level: 'info', rowsWritten: 7 });
    ticker.fn!();
    expect(runs).toHaveLength(2);
  });

  it('never overlaps: a tick or run() during a run does nothing', async () => {
    const { runs, ticker, loop } = setup();
    ticker.fn!();
    expect(await loop.run()).toBeNull();
    expect(runs).toHaveLength(1);
    runs[0]!.done.resolve(progress(1));
    await runs[0]!.done.promise;
    await Promise.resolve();
    const second = loop.run();
    expect(runs).toHaveLength(2);
    runs[1]!.done.resolve(progress(3));
    expect(await second).toEqual(progress(3));
  });

  it('reads historyDays at each run', async () => {
    let s: Settings = defaultSettings;
    const { runs, loop } = setup(() => s);
    runs[0]!.done.resolve(progress(0));
    await runs[0]!.done.promise;
    await Promise.resolve();
    s = { ...defaultSettings, screener: { ...defaultSettings.screener, historyDays: 3 } };
    void loop.run();
    expect(runs[1]!.days).toBe(3);
  });

  it('a failed run is logged as a warning, resolves null, and the next run may start', async () => {
    const { runs, lines, loop } = setup();
    runs[0]!.done.reject(new Error('HTTP 503'));
    await runs[0]!.done.promise.catch(() => undefined);
    await Promise.resolve();
    await Promise.resolve();
    expect(lines.find((l) => l.msg === 'funding history backfill stopped')).toMatchObject({ level: 'warn', error: 'HTTP 503' });
    void loop.run();
    expect(runs).toHaveLength(2);
  });

  it('stop() asks the running backfill to stop, ends the ticker and refuses new runs', async () => {
    const { runs, ticker, loop } = setup();
    expect(runs[0]!.shouldStop()).toBe(false);
    loop.stop();
    expect(runs[0]!.shouldStop()).toBe(true);
    expect(ticker.fn).toBeNull();
    runs[0]!.done.resolve(progress(0));
    await runs[0]!.done.promise;
    await Promise.resolve();
    const again = loop.run();
    expect(runs).toHaveLength(1);
    expect(await again).toBeNull();
  });
});

describe('funding refresh', () => {
  it('re-reads every 5 s; a failed read is logged at debug and does not throw', async () => {
    const ticker = new HandTicker();
    const { lines, log } = logs();
    let calls = 0;
    const market = { refreshFunding: () => (++calls === 1 ? Promise.reject(new Error('closed')) : Promise.resolve()) };
    const loop = startFundingRefresh({ market, log, ticker });
    expect(ticker.intervals).toEqual([FUNDING_REFRESH_MS]);
    expect(FUNDING_REFRESH_MS).toBe(5_000);
    ticker.fn!();
    await Promise.resolve();
    await Promise.resolve();
    expect(lines).toMatchObject([{ level: 'debug', msg: 'funding refresh failed', error: 'closed' }]);
    ticker.fn!();
    expect(calls).toBe(2);
    loop.stop();
    expect(ticker.fn).toBeNull();
  });
});

describe('heartbeat', () => {
  it('counts from 1 at the given interval with the uptime since start', () => {
    const ticker = new HandTicker();
    const { out, events } = emitted();
    let t = 1_000;
    const hb = startHeartbeat({ events, intervalMs: 2_500, startedAtMs: 1_000, now: () => t, ticker });
    expect(ticker.intervals).toEqual([2_500]);
    t = 3_500;
    ticker.fn!();
    t = 6_000;
    ticker.fn!();
    expect(out).toEqual([
      { event: 'app.heartbeat', payload: { seq: 1, nowMs: 3_500, uptimeMs: 2_500 } },
      { event: 'app.heartbeat', payload: { seq: 2, nowMs: 6_000, uptimeMs: 5_000 } },
    ]);
    hb.stop();
    expect(ticker.fn).toBeNull();
  });
});
