// Feeds the breaker board (risk/breaker-board.ts) from what the runtime already observes, so no
// breaker polls a venue on its own: the balance loop's exact balances (free margin, drawdown,
// REST health), the private streams' down/resubscribed events (venue down), the limiters' state
// (rate-limit saturation) and a periodic position read of the open pairs (broken hedge). The
// failed-entries breaker is fed by the entry loop, the funding-unit tripwire by its own loop.
import type { RiskSettings } from '../../config/risk';
import { negDecimal } from '../../domain/decimal';
import type { VenueId } from '../../domain/venue';
import type { BreakerBoard } from '../../risk/breaker-board';
import { BrokenHedgeBreaker, type LegRead } from '../../risk/breakers/broken-hedge';
import { DrawdownBreaker, type EquityPeakStore } from '../../risk/breakers/drawdown';
import { checkFreeMargin } from '../../risk/breakers/free-margin';
import { rateLimitConditions } from '../../risk/breakers/rate-limit';
import { VenueDownWatch } from '../../risk/breakers/venue-down';
import type { Logger } from '../../telemetry/log';
import type { Balance, Position, VenueAdapter } from '../../venues/port';
import { realTicker, type Ticker } from '../screener-emitter';

const VENUE_IDS = ['lighter', 'extended'] as const satisfies readonly VenueId[];
export const RISK_TICK_MS = 1_000;
/** Equity is measured (and a new peak written, durably) at most this often. */
export const DRAWDOWN_EVERY_MS = 10_000;
/** Open pairs' legs are read back this often for the broken-hedge breaker. */
export const HEDGE_CHECK_EVERY_MS = 15_000;

/** An open pair as the broken-hedge check needs it. */
export interface OpenPairLegs {
  readonly pairSeq: number;
  readonly symbol: string;
  readonly longVenue: VenueId;
  readonly shortVenue: VenueId;
}

export interface RiskFeedOptions {
  readonly board: BreakerBoard;
  readonly ports: Readonly<Record<VenueId, Pick<VenueAdapter, 'onAccount' | 'positions' | 'market' | 'diagnostics'>>>;
  readonly balances: () => Readonly<Record<VenueId, Balance | null>>;
  readonly peaks: EquityPeakStore;
  /** Pairs whose entry finished and whose legs must stay equal. */
  readonly openPairs: () => readonly OpenPairLegs[];
  readonly settings: () => RiskSettings;
  readonly log: Logger;
  readonly now: () => number;
  readonly ticker?: Ticker;
}

export interface RiskFeed {
  /** One evaluation of every breaker fed here (the ticker calls it; tests may too). */
  tick(): Promise<void>;
  stop(): void;
}

export function startRiskFeed(o: RiskFeedOptions): RiskFeed {
  const downWatch = new VenueDownWatch({ get venueDownMs() { return o.settings().venueDownMs; } });
  const hedge = new BrokenHedgeBreaker({
    get brokenHedgeToleranceSteps() { return o.settings().brokenHedgeToleranceSteps; },
    get brokenHedgeConfirmationCount() { return o.settings().brokenHedgeConfirmationCount; },
  });
  const drawdown = new DrawdownBreaker(o.peaks, { get maxDrawdownFraction() { return o.settings().maxDrawdownFraction; } });
  let lastDrawdownMs = Number.NEGATIVE_INFINITY;
  let lastHedgeMs = Number.NEGATIVE_INFINITY;
  let running = false;

  const offs = VENUE_IDS.map((venue) =>
    o.ports[venue].onAccount((e) => {
      if (e.type === 'stream') downWatch.observe(venue, 'private-stream', e.stream.state === 'resubscribed', e.stream.atMs);
    }),
  );

  let watched = new Set<number>();
  const checkHedges = async (atMs: number): Promise<void> => {
    const pairs = o.openPairs();
    // A pair no longer open starts from zero if it opens again (it never does: ids are not reused).
    const now = new Set(pairs.map((p) => p.pairSeq));
    for (const seq of watched) if (!now.has(seq)) hedge.forget(seq);
    watched = now;
    if (pairs.length === 0) return;
    // One position read per venue for all pairs; a failed read is "unknown", never flat.
    const reads = await Promise.all(
      VENUE_IDS.map(async (venue): Promise<[VenueId, readonly Position[] | string]> => {
        try {
          return [venue, await o.ports[venue].positions()];
        } catch (e) {
          return [venue, e instanceof Error ? e.message : String(e)];
        }
      }),
    );
    const byVenue = new Map(reads);
    const legRead = (venue: VenueId, symbol: string, sign: 1 | -1): LegRead => {
      const r = byVenue.get(venue)!;
      if (typeof r === 'string') return { kind: 'failed', error: r };
      const p = r.find((x) => x.symbol === symbol);
      if (p === undefined) return { kind: 'size', size: '0' };
      // A long leg's size is the position; a short leg's is its negation (both positive when held).
      return { kind: 'size', size: sign === 1 ? p.size : negDecimal(p.size) };
    };
    for (const pair of pairs) {
      const longMeta = o.ports[pair.longVenue].market(pair.symbol);
      const shortMeta = o.ports[pair.shortVenue].market(pair.symbol);
      if (longMeta === undefined || shortMeta === undefined) continue;
      const result = hedge.observe({
        pairSeq: pair.pairSeq,
        symbol: pair.symbol,
        long: { venue: pair.longVenue, stepSize: longMeta.stepSize, read: legRead(pair.longVenue, pair.symbol, 1) },
        short: { venue: pair.shortVenue, stepSize: shortMeta.stepSize, read: legRead(pair.shortVenue, pair.symbol, -1) },
      });
      if (result.trip !== null) o.log.error('broken hedge confirmed', { pairSeq: pair.pairSeq, symbol: pair.symbol, status: result.status });
      o.board.apply('broken-hedge', result, atMs);
    }
  };

  const tick = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      const atMs = o.now();
      const s = o.settings();
      const balances = o.balances();
      for (const v of VENUE_IDS) downWatch.observe(v, 'rest', balances[v] !== null, atMs);
      o.board.setConditions('venue-down', downWatch.conditions(atMs), atMs);
      o.board.apply('free-margin', checkFreeMargin({ lighter: balances.lighter?.availableUsd ?? null, extended: balances.extended?.availableUsd ?? null }, s), atMs);
      o.board.setConditions('rate-limit', rateLimitConditions({ lighter: o.ports.lighter.diagnostics.rateLimit(), extended: o.ports.extended.diagnostics.rateLimit() }, s), atMs);
      if (atMs - lastDrawdownMs >= DRAWDOWN_EVERY_MS) {
        lastDrawdownMs = atMs;
        o.board.apply('drawdown', drawdown.evaluate({ equityUsd: { lighter: balances.lighter?.equityUsd ?? null, extended: balances.extended?.equityUsd ?? null }, atMs }), atMs);
      }
      if (atMs - lastHedgeMs >= HEDGE_CHECK_EVERY_MS) {
        lastHedgeMs = atMs;
        await checkHedges(atMs);
      }
    } catch (e) {
      o.log.error('risk feed failed', { error: e instanceof Error ? e.message : String(e) });
    } finally {
      running = false;
    }
  };

  const stopTicker = (o.ticker ?? realTicker).every(RISK_TICK_MS, () => void tick());
  return {
    tick,
    stop() {
      stopTicker();
      for (const off of offs) off();
    },
  };
}
