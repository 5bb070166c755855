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

/** The strategy's input from the default settings (built as the runtime builds it), with overrides
 *  under the names the strategy reads (notionalUsd, maxOpenPairs, leverageMultiple, ...). */
export function settings(over: Partial<ScreenerParams> = {}): ScreenerParams {
  return { ...screenerParams(defaultSettings), ...over };
}
