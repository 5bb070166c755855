// The predicted-funding sampler, driven by hand (no timers): only predictions of held markets are
// written, the first at once and later ones at most once a minute per settlement; the held set
// is refreshed on its tick (a failed read keeps the last one); stop unsubscribes.
import { describe, expect, it } from 'vitest';
import { PREDICTED_HELD_REFRESH_MS, PREDICTED_RETENTION_MS, PREDICTED_SAMPLE_MIN_INTERVAL_MS, startPredictedFunding } from '../../../src-core/host/loops/predicted-funding';
import type { Ticker } from '../../../src-core/host/screener-emitter';
import { silentLogger } from '../../../src-core/telemetry/log';
import type { FundingRate } from '../../../src-core/venues/port';

class HandTicker implements Ticker {
  readonly fns = new Map<number, () => void>();
  every(ms: number, fn: () => void): () => void {
    this.fns.set(ms, fn);
    return () => this.fns.delete(ms);
  }
}

function port() {
  const cbs = new Set<(r: FundingRate) => void>();
  return {
    cbs,
    onFunding(cb: (r: FundingRate) => void) {
      cbs.add(cb);
      return () => cbs.delete(cb);
    },
    push(r: Partial<FundingRate>) {
      for (const cb of cbs) cb({ venue: 'lighter', symbol: 'ETH', hourlyRate: 0.00001, kind: 'predicted', settlementTimeMs: 7_200_000, markPrice: 1, indexPrice: 1, ...r });
    },
  };
}

function setup(heldSymbols: () => ReadonlySet<string>) {
  const ports = { lighter: port(), extended: port() };
  const writes: [string, string, number, number, number][] = [];
  const prunes: number[] = [];
  let now = 3_600_000;
  const ticker = new HandTicker();
  const loop = startPredictedFunding({
    ports,
    repo: {
      observe: (venue, symbol, settlementTimeMs, hourlyRate, atMs) => (writes.push([venue, symbol, settlementTimeMs, hourlyRate, atMs]), true),
      pruneBefore: (ms) => (prunes.push(ms), 0),
    },
    heldSymbols,
    now: () => now,
    log: silentLogger,
    ticker,
  });
  return { ports, writes, prunes, ticker, loop, advance: (ms: number) => (now += ms), nowMs: () => now };
}

describe('predicted funding sampler', () => {
  it('writes predictions of held markets only: the first at once, then at most once a minute per settlement', () => {
    const x = setup(() => new Set(['ETH']));
    x.ports.lighter.push({ symbol: 'BTC' });
    x.ports.lighter.push({ kind: 'settled' });
    x.ports.lighter.push({ hourlyRate: 0.00001 });
    x.advance(PREDICTED_SAMPLE_MIN_INTERVAL_MS - 1);
    x.ports.lighter.push({ hourlyRate: 0.00002 });
    // Another venue and another settlement are their own keys.
    x.ports.extended.push({ venue: 'extended', hourlyRate: 0.00003 });
    x.ports.lighter.push({ settlementTimeMs: 10_800_000, hourlyRate: 0.00004 });
    x.advance(1);
    x.ports.lighter.push({ hourlyRate: 0.00005 });
    expect(x.writes.map(([v, s, t, r]) => [v, s, t, r])).toEqual([
      ['lighter', 'ETH', 7_200_000, 0.00001],
      ['extended', 'ETH', 7_200_000, 0.00003],
      ['lighter', 'ETH', 10_800_000, 0.00004],
      ['lighter', 'ETH', 7_200_000, 0.00005],
    ]);
  });

  it('follows the held set on its tick; a failed read keeps the last set; prunes past the retention; stop unsubscribes', () => {
    let held: ReadonlySet<string> | Error = new Set<string>();
    const x = setup(() => {
      if (held instanceof Error) throw held;
      return held;
    });
    x.ports.lighter.push({});
    expect(x.writes).toEqual([]);
    held = new Set(['ETH']);
    x.ticker.fns.get(PREDICTED_HELD_REFRESH_MS)!();
    x.ports.lighter.push({});
    expect(x.writes).toHaveLength(1);
    held = new Error('database is locked');
    x.ticker.fns.get(PREDICTED_HELD_REFRESH_MS)!();
    x.ports.lighter.push({ settlementTimeMs: 10_800_000 });
    expect(x.writes).toHaveLength(2);
    x.ticker.fns.get(3_600_000)!();
    expect(x.prunes).toEqual([x.nowMs() - PREDICTED_RETENTION_MS]);
    x.loop.stop();
    expect(x.ports.lighter.cbs.size).toBe(0);
    expect(x.ticker.fns.size).toBe(0);
  });
});
