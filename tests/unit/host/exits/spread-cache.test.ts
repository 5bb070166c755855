// The per-settlement spread cache: the series is the short venue's rate minus the long venue's per
// settlement hour, rebuilt when a settlement is appended (or the settings change), reused otherwise,
// and dropped for pairs no longer held. And the opportunity-cost input: the best passing row on
// another symbol.
import { describe, expect, it } from 'vitest';
import { exitDefaults } from '../../../../src-core/config/exits';
import type { VenueId } from '../../../../src-core/domain/venue';
import { bestAlternativeApy } from '../../../../src-core/host/trading/exit-wiring';
import { SpreadCache } from '../../../../src-core/host/trading/spread-cache';
import type { ScreenerRow } from '../../../../src-core/api/channels/screener';

const H = 3_600_000;

function history() {
  const points: Record<VenueId, { timeMs: number; hourlyRate: number }[]> = {
    lighter: [{ timeMs: 10 * H, hourlyRate: 0.00001 }, { timeMs: 11 * H, hourlyRate: 0.00002 }],
    extended: [{ timeMs: 10 * H, hourlyRate: 0.00005 }, { timeMs: 11 * H, hourlyRate: 0.00001 }],
  };
  return { points, view: { netHourly: () => [], venueHourly: (_s: string, v: VenueId) => points[v] } };
}

const key = { pairSeq: 0, symbol: 'ETH', longVenue: 'lighter' as const, shortVenue: 'extended' as const, openedAtMs: 10 * H };

describe('spread cache', () => {
  it('builds the signed series in the pair direction and reuses it until a settlement arrives', () => {
    const h = history();
    const cache = new SpreadCache(h.view);
    const a = cache.get(key, exitDefaults);
    expect(a.series.firstHourMs).toBe(10 * H);
    expect(a.series.netHourlyRates.map((x) => Number(x!.toFixed(8)))).toEqual([0.00004, -0.00001]);
    expect(cache.get(key, exitDefaults)).toBe(a);
    h.points.lighter.push({ timeMs: 12 * H, hourlyRate: 0 });
    h.points.extended.push({ timeMs: 12 * H, hourlyRate: 0.00003 });
    const b = cache.get(key, exitDefaults);
    expect(b).not.toBe(a);
    expect(b.series.netHourlyRates).toHaveLength(3);
    expect(b.analytics.lastHourMs).toBe(12 * H);
    // New settings are new analytics.
    expect(cache.get(key, { ...exitDefaults, atrMultiple: 3 })).not.toBe(b);
  });

  it('the other direction is the negation', () => {
    const cache = new SpreadCache(history().view);
    const s = cache.get({ ...key, pairSeq: 1, longVenue: 'extended', shortVenue: 'lighter' }, exitDefaults);
    expect(s.series.netHourlyRates.map((x) => Number(x!.toFixed(8)))).toEqual([-0.00004, 0.00001]);
  });

  it('forgets pairs not retained', () => {
    const cache = new SpreadCache(history().view);
    const a = cache.get(key, exitDefaults);
    cache.retain(new Set([5]));
    expect(cache.get(key, exitDefaults)).not.toBe(a);
  });
});

describe('best alternative', () => {
  const row = (symbol: string, netApy: number, passed: boolean) => ({ symbol, netApy, passed }) as ScreenerRow;
  it('is the best passing row on another symbol, or null', () => {
    const rows = [row('ETH', 3, true), row('BTC', 0.5, true), row('SOL', 2, false), row('LINK', 0.9, true)];
    expect(bestAlternativeApy(rows, 'ETH')).toBe(0.9);
    expect(bestAlternativeApy(rows, 'LINK')).toBe(3);
    expect(bestAlternativeApy([row('ETH', 3, true)], 'ETH')).toBeNull();
  });
});
