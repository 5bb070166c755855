// Assembles the contract's HealthSnapshot from the venue ports (streams, diagnostics), the market
// views (book freshness), the alarm board and the market service's funding rejections. Pure: the
// caller passes the time and the sources.
import type { HealthSnapshot } from '../../api/channels/health';
import type { VenueId } from '../../domain/venue';
import type { FundingRejectionCounts } from '../../market/service';
import type { SymbolView } from '../../market/types';
import type { Alarm } from '../../risk/alarms';
import type { MarketDataPort } from '../../venues/port';

const VENUE_IDS = ['lighter', 'extended'] as const satisfies readonly VenueId[];

export interface HealthSources {
  readonly ports: Readonly<Record<VenueId, Pick<MarketDataPort, 'health' | 'diagnostics'>>>;
  readonly views: () => Iterable<SymbolView>;
  readonly alarms: () => Alarm[];
  readonly fundingRejections: () => FundingRejectionCounts[];
}

type Freshness = HealthSnapshot['freshness'][number];

/** Per venue: fresh and stale books, and the age of the oldest book that has a venue time. */
export function bookFreshness(venue: VenueId, views: Iterable<SymbolView>, nowMs: number): Freshness {
  let freshBooks = 0;
  let staleBooks = 0;
  let oldestBookAgeMs: number | null = null;
  for (const view of views) {
    const v = view[venue];
    if (v.bookFresh) freshBooks += 1;
    else staleBooks += 1;
    // 0 means "no book yet": it has no age, and must not read as 55 years old.
    if (v.bookVenueTimeMs > 0) oldestBookAgeMs = Math.max(oldestBookAgeMs ?? 0, nowMs - v.bookVenueTimeMs);
  }
  return { venue, freshBooks, staleBooks, oldestBookAgeMs };
}

export function healthSnapshot(s: HealthSources, nowMs: number): HealthSnapshot {
  const ports = VENUE_IDS.map((venue) => ({ venue, port: s.ports[venue] }));
  return {
    streams: ports.flatMap(({ port }) => port.health().map((h) => ({ ...h }))),
    rateLimits: ports.map(({ venue, port }) => {
      const r = port.diagnostics.rateLimit();
      return { venue, usedFraction: r.usedFraction, queued: r.queued, warning: r.warning };
    }),
    latency: ports.flatMap(({ port }) => Object.entries(port.diagnostics.latency()).map(([operation, l]) => ({ operation, count: l.count, p50Ms: l.p50Ms, p95Ms: l.p95Ms, p99Ms: l.p99Ms, maxMs: l.maxMs }))),
    pools: ports.map(({ venue, port }) => ({ venue, ...port.diagnostics.pool() })),
    freshness: VENUE_IDS.map((venue) => bookFreshness(venue, s.views(), nowMs)),
    alarms: s.alarms(),
    fundingRejections: s.fundingRejections(),
    sampledAtMs: nowMs,
  };
}
