import { defaultSettings } from '../../../src-core/config/schema';
import { screenerParams, type ScreenerParams } from '../../../src-core/config/screener-params';
import type { VenueId } from '../../../src-core/domain/venue';
import type { AccountView, HistoryView, SymbolView, VenueView } from '../../../src-core/market/types';
import type { MarketMeta } from '../../../src-core/venues/port';

export const NOW = 1_795_530_000_000;

export function meta(venue: VenueId, over: Partial<MarketMeta> = {}): MarketMeta {
  return {
    venue, symbol: 'ETH', venueMarket: venue === 'lighter' ? 'ETH' : 'ETH-USD', marketIndex: venue === 'lighter' ? 0 : null,
    tickSize: '0.01', stepSize: '0.001', minSize: '0.001', minNotionalUsd: '10', maxLeverage: 20,
    makerFeeRate: venue === 'lighter' ? 0.00002 : 0, takerFeeRate: venue === 'lighter' ? 0.0002 : 0.000225,
    fundingIntervalHours: 1, status: 'active', ...over,
  };
}

/** A deep, tight book around `mid` (20 levels of $50k a side, 1 bp apart). */
export function venueView(venue: VenueId, mid: number, hourly: number, over: Partial<VenueView> = {}): VenueView {
  const bids = Array.from({ length: 20 }, (_v, i) => ({ price: mid * (1 - 0.00005 - i * 0.0001), size: 50_000 / mid }));
  const asks = Array.from({ length: 20 }, (_v, i) => ({ price: mid * (1 + 0.00005 + i * 0.0001), size: 50_000 / mid }));
  return {
    venue, meta: meta(venue), bids, asks, bookFresh: true, bookStaleReason: null, bookVenueTimeMs: NOW - 100,
    markPrice: mid, indexPrice: mid, predictedHourlyRate: hourly, settledHourlyRate: hourly, nextSettlementMs: NOW + 30 * 60_000,
    fundingRejectedSinceMs: null, fundingRejectedReason: null, ...over,
  };
}

export function symbolView(lighterHourly: number, extendedHourly: number, over: { lighter?: Partial<VenueView>; extended?: Partial<VenueView>; symbol?: string } = {}): SymbolView {
  return {
    symbol: over.symbol ?? 'ETH',
    lighter: venueView('lighter', 3300, lighterHourly, over.lighter),
    extended: venueView('extended', 3300, extendedHourly, over.extended),
  };
}

export const account: AccountView = { availableUsd: { lighter: 10_000, extended: 10_000 }, openPairs: 0, openSymbols: new Set(), lastCloseMs: new Map() };

export const noHistory: HistoryView = { netHourly: () => [], venueHourly: () => [] };

/** The spike gates and the EV blend off: the scenarios built on `noHistory` judge one instant,
 *  with no settled hour to read. tests/unit/strategy/spike-*.test.ts test those with history. */
export const SPIKE_PROTECTION_OFF: Pick<ScreenerParams, 'minSpreadOpenHours' | 'maxSpreadZSigma' | 'evSpikeHalfLifeHours'> = { minSpreadOpenHours: 0, maxSpreadZSigma: null, evSpikeHalfLifeHours: null };

/** The strategy's input from the default settings (built as the runtime builds it), with overrides
 *  under the names the strategy reads (notionalUsd, maxOpenPairs, leverageMultiple, ...); spike
 *  protection off unless `over` turns it on. */
export function settings(over: Partial<ScreenerParams> = {}): ScreenerParams {
  return { ...screenerParams(defaultSettings), ...SPIKE_PROTECTION_OFF, ...over };
}

/** One level a side: `bid` and `ask` with `size` base units each. */
export function oneLevel(bid: number, ask: number, size: number): Pick<VenueView, 'bids' | 'asks'> {
  return { bids: [{ price: bid, size }], asks: [{ price: ask, size }] };
}

// A scenario where every figure is exact in binary floating point, so gates can be tested at
// their threshold and one ulp either side. Long Lighter / short Extended, $256:
//   carry   0 on Lighter, 2^-10 = 0.09765625 %/h on Extended: net 2^-10 /h, APY 8760/1024 = 8.5546875
//   funding 256 × 2^-10 × 48 h = $12
//   books   128 ask / 127 bid × 8 on both venues: entry (128 − 127)/128 = 2^-7 → $2, exit the same $2
//   fees    Lighter maker 2^-14, taker 2^-12; Extended maker 0, taker 2^-12; exit maker share 0.5
//           entry 256 × (2^-14 + 2^-12) = 0.078125; exit 256 × (2^-15 + 2^-13 + 2^-13) = 0.0703125
//   cost    0.078125 + 0.0703125 + 2 + 2 = 4.1484375; EV 12 − 4.1484375 = 7.8515625
//   break-even 4.1484375 / (256 × 2^-10 = 0.25 $/h) = 16.59375 h
//   depth   capacity min(128 × 8, 127 × 8) = $1016, top of book the same, need max(500, 256 × 1.2) = 500
//   margin  256 / 4 = $64 a leg; available 10 000 × 0.95 = 9 500
export const EXACT_HOURLY = 2 ** -10;

export function exactSymbol(over: { lighter?: Partial<VenueView>; extended?: Partial<VenueView>; symbol?: string } = {}): SymbolView {
  const lighterMeta = meta('lighter', { makerFeeRate: 2 ** -14, takerFeeRate: 2 ** -12 });
  const extendedMeta = meta('extended', { makerFeeRate: 0, takerFeeRate: 2 ** -12 });
  return symbolView(0, EXACT_HOURLY, {
    ...over,
    lighter: { meta: lighterMeta, ...oneLevel(127, 128, 8), ...over.lighter },
    extended: { meta: extendedMeta, ...oneLevel(127, 128, 8), ...over.extended },
  });
}

export function exactSettings(over: Partial<ScreenerParams> = {}): ScreenerParams {
  return settings({ notionalUsd: 256, leverageMultiple: 4, exitMakerProbabilityRatio: 0.5, maxSpreadFraction: 0.01, maxSpreadCapFraction: 0.01, ...over });
}

/** The next double above / below `x` (x ≠ 0): "one unit" either side of a float threshold. */
export function nextUp(x: number): number {
  const f = new Float64Array([x]);
  const i = new BigInt64Array(f.buffer);
  i[0] = i[0]! + (x > 0 ? 1n : -1n);
  return f[0]!;
}

export function nextDown(x: number): number {
  const f = new Float64Array([x]);
  const i = new BigInt64Array(f.buffer);
  i[0] = i[0]! + (x > 0 ? -1n : 1n);
  return f[0]!;
}

export const HOUR_MS = 3_600_000;
/** The start of NOW's hour (NOW is 20 minutes past it): the newest settlement a fresh history has. */
export const HOUR_START = Math.floor(NOW / HOUR_MS) * HOUR_MS;

/** A settled history whose long-Lighter / short-Extended net is `netByHour` (oldest first, the
 *  last entry settled at `newestMs`, one hour apart; null = an hour neither venue has): Lighter
 *  settles 0, Extended the net. */
export function netHistory(netByHour: readonly (number | null)[], newestMs = HOUR_START): HistoryView {
  const rows: Record<VenueId, { timeMs: number; hourlyRate: number }[]> = { lighter: [], extended: [] };
  netByHour.forEach((net, i) => {
    if (net === null) return;
    const timeMs = newestMs - (netByHour.length - 1 - i) * HOUR_MS;
    rows.lighter.push({ timeMs, hourlyRate: 0 });
    rows.extended.push({ timeMs, hourlyRate: net });
  });
  const nets = netByHour.filter((n): n is number => n !== null);
  return {
    netHourly: (_s, longVenue) => (longVenue === 'lighter' ? nets : nets.map((n) => -n)),
    venueHourly: (_s, venue) => rows[venue],
  };
}
