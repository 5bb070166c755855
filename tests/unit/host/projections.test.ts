// Projections from internal state to contract payloads: the health snapshot (streams, budgets,
// latency, pools, book freshness, alarms, rejections) and the screener explanation (values JSON
// cannot carry become null or the row's floor). Every payload is checked against its contract
// schema, so a projection that drifts from the contract fails here.
import { describe, expect, it } from 'vitest';
import { healthSnapshotSchema } from '../../../src-core/api/channels/health';
import { contract } from '../../../src-core/api/contract';
import { bookFreshness, healthSnapshot } from '../../../src-core/host/projections/health-snapshot';
import { explainDirection, explainSymbol } from '../../../src-core/host/projections/screener-explain';
import type { VenueId } from '../../../src-core/domain/venue';
import { screenSymbol } from '../../../src-core/strategy/screener';
import type { StreamHealth } from '../../../src-core/venues/port';
import { account, noHistory, NOW, settings, symbolView } from '../strategy/fixtures';

const stream = (venue: VenueId, name: string): StreamHealth => ({ venue, stream: name, endpoint: `wss://${venue}`, state: 'open', qualityScore: 97, lastFrameAgeMs: 12, reconnects: 1, resyncs: 0, parseErrors: 3 });

function port(venue: VenueId, n: number) {
  return {
    health: () => [stream(venue, 'books'), stream(venue, 'account')],
    diagnostics: {
      latency: () => ({ [`${venue}.place`]: { count: n, p50Ms: 1, p95Ms: 2, p99Ms: 3, maxMs: 4, meanMs: 1.5 } }),
      rateLimit: () => ({ usedFraction: n / 100, demandFraction: n / 100, queued: n, warning: false }),
      pool: () => ({ connected: n, free: 1, pending: 0, running: 2, size: 10 }),
    },
  };
}

describe('book freshness', () => {
  it('counts fresh and stale books and takes the oldest venue time; a book with no time yet has no age', () => {
    const views = [
      symbolView(0, 0, { symbol: 'A', lighter: { bookVenueTimeMs: NOW - 500 } }),
      symbolView(0, 0, { symbol: 'B', lighter: { bookFresh: false, bookVenueTimeMs: NOW - 9_000 } }),
      symbolView(0, 0, { symbol: 'C', lighter: { bookFresh: false, bookVenueTimeMs: 0 } }),
    ];
    expect(bookFreshness('lighter', views, NOW)).toEqual({ venue: 'lighter', freshBooks: 1, staleBooks: 2, oldestBookAgeMs: 9_000 });
    expect(bookFreshness('extended', views, NOW)).toEqual({ venue: 'extended', freshBooks: 3, staleBooks: 0, oldestBookAgeMs: 100 });
  });

  it('is null with no books at all, or only books without a venue time', () => {
    expect(bookFreshness('lighter', [], NOW)).toEqual({ venue: 'lighter', freshBooks: 0, staleBooks: 0, oldestBookAgeMs: null });
    const none = [symbolView(0, 0, { lighter: { bookVenueTimeMs: 0 } })];
    expect(bookFreshness('lighter', none, NOW).oldestBookAgeMs).toBeNull();
  });

  it('a book stamped at this very millisecond is 0 ms old, not absent', () => {
    expect(bookFreshness('lighter', [symbolView(0, 0, { lighter: { bookVenueTimeMs: NOW } })], NOW).oldestBookAgeMs).toBe(0);
  });
});

describe('health snapshot', () => {
  const snapshot = () =>
    healthSnapshot(
      {
        ports: { lighter: port('lighter', 1), extended: port('extended', 2) },
        views: () => [symbolView(0, 0)],
        alarms: () => [{ kind: 'funding-unit', severity: 'critical', venue: 'lighter', symbol: 'ETH', message: 'x100', sinceMs: 1, lastMs: 2, count: 2 }],
        fundingRejections: () => [{ venue: 'extended', total: 4, symbols: ['ETH'], lastReason: 'implausible', lastAtMs: 3 }],
      },
      NOW,
    );

  it('lists both venues, Lighter first, in every section', () => {
    const s = snapshot();
    expect(s.streams.map((x) => `${x.venue}:${x.stream}`)).toEqual(['lighter:books', 'lighter:account', 'extended:books', 'extended:account']);
    expect(s.rateLimits).toEqual([
      { venue: 'lighter', usedFraction: 0.01, queued: 1, warning: false },
      { venue: 'extended', usedFraction: 0.02, queued: 2, warning: false },
    ]);
    expect(s.latency).toEqual([
      { operation: 'lighter.place', count: 1, p50Ms: 1, p95Ms: 2, p99Ms: 3, maxMs: 4 },
      { operation: 'extended.place', count: 2, p50Ms: 1, p95Ms: 2, p99Ms: 3, maxMs: 4 },
    ]);
    expect(s.pools.map((p) => [p.venue, p.connected, p.running])).toEqual([
      ['lighter', 1, 2],
      ['extended', 2, 2],
    ]);
    expect(s.freshness.map((f) => f.venue)).toEqual(['lighter', 'extended']);
    expect(s.alarms).toHaveLength(1);
    expect(s.fundingRejections[0]!.total).toBe(4);
    expect(s.sampledAtMs).toBe(NOW);
  });

  it('is a valid contract payload', () => {
    expect(healthSnapshotSchema.safeParse(snapshot()).success).toBe(true);
  });
});

describe('screener explanation', () => {
  it('reports values JSON cannot carry as null (or the expected-value floor), keeping the rest', () => {
    const report = screenSymbol(symbolView(-0.0003, 0.0003), settings(), account, noHistory, NOW);
    const d = { ...report.best, netApy: Infinity, expectedValueUsd: -Infinity, entryCostBps: NaN, breakevenHours: Infinity, evRate: { hourlyRate: NaN, source: 'decaying' as const }, gates: [{ gate: 'min-apy' as const, passed: false, reason: 'r', observed: Infinity, threshold: 'x', unit: 'apy' }] };
    expect(explainDirection(d)).toEqual({
      longVenue: report.best.longVenue,
      shortVenue: report.best.shortVenue,
      netApy: 0,
      expectedValueUsd: -1e9,
      evHourlyRate: 0,
      evRateSource: 'decaying',
      evSettledMeanHourlyRate: null,
      entryCostBps: null,
      breakevenHours: null,
      passed: report.best.passed,
      gates: [{ gate: 'min-apy', passed: false, reason: 'r', observed: null, threshold: 'x', unit: 'apy' }],
    });
    const finite = explainDirection(report.best);
    expect(finite.netApy).toBe(report.best.netApy);
    expect(finite.expectedValueUsd).toBe(report.best.expectedValueUsd);
    expect(finite.entryCostBps).toBe(report.best.entryCostBps);
    expect(finite.breakevenHours).toBe(report.best.breakevenHours);
  });

  it('carries both venues\' history since the window start and fits the contract', () => {
    const report = screenSymbol(symbolView(-0.0003, 0.0003), settings(), account, noHistory, NOW);
    const asked: [string, VenueId, number | undefined][] = [];
    const history = {
      venueHourly: (symbol: string, venue: VenueId, sinceMs?: number) => {
        asked.push([symbol, venue, sinceMs]);
        return [{ timeMs: NOW - 3_600_000, hourlyRate: venue === 'lighter' ? -0.0001 : 0.0002 }];
      },
    };
    const e = explainSymbol(report, history, NOW - 86_400_000);
    expect(asked).toEqual([
      ['ETH', 'lighter', NOW - 86_400_000],
      ['ETH', 'extended', NOW - 86_400_000],
    ]);
    expect(e.history).toEqual({ lighter: [{ timeMs: NOW - 3_600_000, hourlyRate: -0.0001 }], extended: [{ timeMs: NOW - 3_600_000, hourlyRate: 0.0002 }] });
    expect(e.symbol).toBe('ETH');
    expect(e.other.longVenue).toBe(report.other.longVenue);
    expect(contract.queries['screener.explain'].output.safeParse(e).success).toBe(true);
  });
});
