// Feeds the breaker board (risk/breaker-board.ts) from what the runtime already observes, so no
// breaker polls a venue on its own: the balance loop's exact balances (free margin, drawdown,
// REST health), the private streams' down/resubscribed events (venue down), the limiters' state
// (rate-limit saturation) and a periodic position read of the open pairs (broken hedge). The
// failed-entries breaker is fed by the entry loop, the funding-unit tripwire by its own loop.
import type { RiskSettings } from '../../config/risk';
import type { VenueId } from '../../domain/venue';
import type { BreakerBoard } from '../../risk/breaker-board';
import { BrokenHedgeBreaker, type HedgeStatus, type LegRead } from '../../risk/breakers/broken-hedge';
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
  /** Every successful full position read of a venue (the exit rules' position book). */
  readonly onPositions?: (venue: VenueId, positions: readonly Position[]) => void;
}

/** A pair's hedge as the last check saw it: broken once the imbalance was confirmed. */
export interface PairHedgeVerdict {
  readonly broken: boolean;
  readonly detail: string;
}

export interface RiskFeed {
  /** One evaluation of every breaker fed here (the ticker calls it; tests may too). */
  tick(): Promise<void>;
  /** The broken-hedge verdict of an open pair; not broken with "not checked yet" before its first check. */
  hedge(pairSeq: number): PairHedgeVerdict;
  stop(): void;
}

const NOT_CHECKED: PairHedgeVerdict = { broken: false, detail: 'not checked yet' };

function hedgeDetail(s: HedgeStatus): string {
  switch (s.kind) {
    case 'balanced': return `balanced (imbalance ${s.imbalance}, tolerance ${s.tolerance})`;
    case 'imbalanced': return `imbalance ${s.imbalance} beyond tolerance ${s.tolerance} (seen ${s.streak}×)`;
    default: return s.detail;
  }
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
  const verdicts = new Map<number, PairHedgeVerdict>();
  const checkHedges = async (atMs: number): Promise<void> => {
    const pairs = o.openPairs();
    // A pair no longer open starts from zero if it opens again (it never does: ids are not reused).
    const now = new Set(pairs.map((p) => p.pairSeq));
    for (const seq of watched) if (!now.has(seq)) {
      hedge.forget(seq);
      verdicts.delete(seq);
    }
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
    for (const [venue, r] of reads) if (typeof r !== 'string') o.onPositions?.(venue, r);
    const legRead = (venue: VenueId, symbol: string): LegRead => {
      const r = byVenue.get(venue)!;
      if (typeof r === 'string') return { kind: 'failed', error: r };
      const p = r.find((x) => x.symbol === symbol);
      if (p === undefined) return { kind: 'size', size: '0' };
      // The venue's signed size as it is (long positive, short negative): the breaker's imbalance
      // is their sum, so a hedged pair nets to zero and a leg on the wrong side counts double.
      return { kind: 'size', size: p.size };
    };
    for (const pair of pairs) {
      const longMeta = o.ports[pair.longVenue].market(pair.symbol);
      const shortMeta = o.ports[pair.shortVenue].market(pair.symbol);
      if (longMeta === undefined || shortMeta === undefined) continue;
      const result = hedge.observe({
        pairSeq: pair.pairSeq,
        symbol: pair.symbol,
        long: { venue: pair.longVenue, stepSize: longMeta.stepSize, read: legRead(pair.longVenue, pair.symbol) },
        short: { venue: pair.shortVenue, stepSize: shortMeta.stepSize, read: legRead(pair.shortVenue, pair.symbol) },
      });
      if (result.trip !== null) o.log.error('broken hedge confirmed', { pairSeq: pair.pairSeq, symbol: pair.symbol, status: result.status });
      o.board.apply('broken-hedge', result, atMs);
      const wasBroken = verdicts.get(pair.pairSeq)?.broken ?? false;
      // Confirmed broken stays broken while the imbalance lasts; a failed read changes nothing.
      const broken = result.trip !== null || (wasBroken && result.status.kind !== 'balanced');
      verdicts.set(pair.pairSeq, { broken, detail: hedgeDetail(result.status) });
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
    hedge: (pairSeq) => verdicts.get(pairSeq) ?? NOT_CHECKED,
    stop() {
      stopTicker();
      for (const off of offs) off();
    },
  };
}
