// The market data service's handling of refused funding values, on an in-test market-data port
// (the adapters do not emit onFundingRejected yet; the simulator-backed version is
// tests/integration/market/funding-rejected-sim.test.ts). Refused values are marked "rejected
// since" per symbol and venue, counted per venue, logged once per episode; a re-read of the
// adapter's cache does not end the episode, a newly accepted predicted rate does.
import { describe, expect, it } from 'vitest';
import { MarketDataService } from '../../../src-core/market/service';
import { createLogger } from '../../../src-core/telemetry/log';
import type { VenueId } from '../../../src-core/domain/venue';
import type { FundingRate, FundingRejection, MarketDataPort, MarketMeta } from '../../../src-core/venues/port';

const meta = (venue: VenueId, symbol: string): MarketMeta => ({
  venue, symbol, venueMarket: symbol, marketIndex: venue === 'lighter' ? 0 : null, tickSize: '0.01', stepSize: '0.001', minSize: '0.001', minNotionalUsd: '10', maxLeverage: 20, makerFeeRate: 0, takerFeeRate: 0.0002, fundingIntervalHours: 1, status: 'active',
});
const rate = (venue: VenueId, hourlyRate: number): FundingRate => ({ venue, symbol: 'ETH', hourlyRate, kind: 'predicted', settlementTimeMs: 3_600_000, markPrice: 3000, indexPrice: 3000 });

function port(venue: VenueId) {
  const funding = new Set<(r: FundingRate) => void>();
  const rejected = new Set<(r: FundingRejection) => void>();
  const cached: FundingRate[] = [rate(venue, 1e-5)];
  const p = {
    venue,
    loadMarkets: () => Promise.resolve([meta(venue, 'ETH'), meta(venue, 'BTC')]),
    onBook: () => () => undefined,
    onFunding: (cb: (r: FundingRate) => void) => (funding.add(cb), () => funding.delete(cb)),
    onFundingRejected: (cb: (r: FundingRejection) => void) => (rejected.add(cb), () => rejected.delete(cb)),
    watchBooks: () => undefined,
    currentFunding: () => Promise.resolve(cached),
  } as unknown as MarketDataPort;
  return {
    port: p,
    accept: (r: FundingRate) => funding.forEach((cb) => cb(r)),
    refuse: (atMs: number, reason = 'beyond the ±0.5 %/h cap') => rejected.forEach((cb) => cb({ venue, symbol: 'ETH', raw: '2.0000', reason, atMs })),
  };
}

describe('funding rejections in the market data service', () => {
  it('marks, counts, logs once per episode and clears on a newly accepted value', async () => {
    const lines: { msg: string; venue?: string }[] = [];
    const log = createLogger({ sink: (l) => lines.push(JSON.parse(l) as { msg: string }) });
    const l = port('lighter');
    const e = port('extended');
    const m = new MarketDataService({ lighter: l.port, extended: e.port }, { log });
    await m.start();
    try {
      expect(m.view('ETH')!.lighter.fundingRejectedSinceMs).toBeNull();
      l.refuse(1_000);
      l.refuse(2_000, 'still beyond the cap');
      l.refuse(3_000);
      const v = m.view('ETH')!.lighter;
      expect(v.fundingRejectedSinceMs).toBe(1_000);
      expect(v.fundingRejectedReason).toBe('beyond the ±0.5 %/h cap');
      // The last good rate is still held, but flagged as not current.
      expect(v.predictedHourlyRate).toBe(1e-5);
      expect(m.view('ETH')!.extended.fundingRejectedSinceMs).toBeNull();
      expect(m.fundingRejections()).toEqual([
        { venue: 'lighter', total: 3, symbols: ['ETH'], lastReason: 'beyond the ±0.5 %/h cap', lastAtMs: 3_000 },
        { venue: 'extended', total: 0, symbols: [], lastReason: null, lastAtMs: null },
      ]);
      expect(lines.filter((x) => x.msg === 'funding value refused as implausible')).toHaveLength(1);

      // Re-reading the adapter's cache returns the last good value: not an end of the episode.
      await m.refreshFunding();
      expect(m.view('ETH')!.lighter.fundingRejectedSinceMs).toBe(1_000);

      l.accept(rate('lighter', 2e-5));
      expect(m.view('ETH')!.lighter.fundingRejectedSinceMs).toBeNull();
      expect(m.view('ETH')!.lighter.predictedHourlyRate).toBe(2e-5);
      expect(m.fundingRejections()[0]).toMatchObject({ total: 3, symbols: [] });
      expect(lines.filter((x) => x.msg === 'funding accepted again')).toHaveLength(1);

      // A new episode is logged again.
      l.refuse(9_000);
      expect(m.view('ETH')!.lighter.fundingRejectedSinceMs).toBe(9_000);
      expect(lines.filter((x) => x.msg === 'funding value refused as implausible')).toHaveLength(2);
    } finally {
      m.stop();
    }
  });
});
