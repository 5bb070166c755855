// The exit side of the trading core, composed: the live-position book, the per-settlement spread
// cache, a per-pair cache of the ledger's legs (refreshed on the pair's fills), the exit loop and
// the exit channels' controls, with fired rules projected onto pairs.exitFired. Everything the
// per-second evaluation reads is in memory; the ledger is read once per tick for the pairs list.
import { ApiFailure } from '../../api/envelope';
import type { EventHub } from '../../api/events';
import type { ScreenerRow } from '../../api/channels/screener';
import type { Settings } from '../../config/schema';
import type { Clock } from '../../domain/clock';
import type { PairCloser } from '../../execution/close';
import type { PairRebalancer } from '../../execution/rebalance';
import type { VenueId } from '../../domain/venue';
import type { LedgerQueries } from '../../ledger/ledger-queries';
import type { LegDetail } from '../../ledger/pair-summary';
import type { PairView } from '../../ledger/query-types';
import type { HistoryView, SymbolView } from '../../market/types';
import type { Logger } from '../../telemetry/log';
import type { VenueAdapter } from '../../venues/port';
import type { ExitControls } from '../handlers/exits';
import type { Ticker } from '../screener-emitter';
import { JUDGED_STATES, startExitLoop, type ExitLoop } from './exit-loop';
import { buildExitSnapshot } from './exit-snapshot';
import { PositionBook } from './position-book';
import type { PairHedgeVerdict } from './risk-feed';
import { SpreadCache } from './spread-cache';

export interface ExitWiringOptions {
  readonly ports: Readonly<Record<VenueId, Pick<VenueAdapter, 'onAccount'>>>;
  readonly queries: Pick<LedgerQueries, 'listPairs' | 'pairDetail'>;
  readonly market: { view(symbol: string): SymbolView | undefined };
  readonly history: HistoryView;
  readonly rows: () => readonly ScreenerRow[];
  readonly hedge: (pairSeq: number) => PairHedgeVerdict;
  readonly settings: () => Settings;
  /** Off: rules fire and are announced, the trader closes by hand. */
  readonly autoExit: () => boolean;
  /** The closer's and rebalancer's reports are read: a refusal after acceptance is told. */
  readonly closer: Pick<PairCloser, 'close'> | null;
  readonly rebalancer: Pick<PairRebalancer, 'rebalance'> | null;
  readonly events: EventHub;
  readonly log: Logger;
  readonly clock: Clock;
  readonly ticker?: Ticker;
  /** A close or rebalance the handler had accepted failed later: the command's answer was sent
   *  already, so the trader hears of it only through this (host/notices/). */
  readonly onCommandFailed?: (failure: CommandFailure) => void;
}

export interface CommandFailure {
  readonly what: 'close' | 'rebalance';
  readonly pairSeq: number;
  readonly message: string;
}

export interface ExitWiring {
  readonly loop: ExitLoop;
  readonly positions: PositionBook;
  readonly controls: ExitControls;
  /** A fill of the pair arrived: its legs are read again on the next evaluation. */
  fillSeen(pairSeq: number): void;
  stop(): void;
}

/** Net APY of the best passing row on another symbol: what the opportunity-cost rule weighs. */
export function bestAlternativeApy(rows: readonly ScreenerRow[], symbol: string): number | null {
  let best: number | null = null;
  for (const r of rows) if (r.passed && r.symbol !== symbol && (best === null || r.netApy > best)) best = r.netApy;
  return best;
}

export function startExitWiring(o: ExitWiringOptions): ExitWiring {
  const positions = new PositionBook(o.ports);
  const spreads = new SpreadCache(o.history);
  const legs = new Map<number, readonly LegDetail[]>();
  const legsOf = (pairSeq: number): readonly LegDetail[] => {
    let l = legs.get(pairSeq);
    if (l === undefined) {
      l = o.queries.pairDetail(pairSeq)?.legs ?? [];
      legs.set(pairSeq, l);
    }
    return l;
  };
  let pairsCache: { atMs: number; pairs: readonly PairView[] } | null = null;
  // One ledger read per tick at most (the loop and a query in the same millisecond share it).
  const pairs = (): readonly PairView[] => {
    const now = o.clock.now();
    if (pairsCache === null || pairsCache.atMs !== now) {
      pairsCache = { atMs: now, pairs: o.queries.listPairs() };
      const held = new Set(pairsCache.pairs.filter((p) => JUDGED_STATES.has(p.state)).map((p) => p.pairSeq));
      spreads.retain(held);
      for (const seq of legs.keys()) if (!held.has(seq)) legs.delete(seq);
    }
    return pairsCache.pairs;
  };
  const loop = startExitLoop({
    pairs,
    snapshot: (pair) => {
      if (pair.openedAtMs === null) return null;
      const settings = o.settings().exits;
      return buildExitSnapshot({
        pair,
        legs: legsOf(pair.pairSeq),
        view: o.market.view(pair.symbol),
        position: (venue, symbol) => positions.get(venue, symbol, pair.openedAtMs!),
        hedge: o.hedge(pair.pairSeq),
        bestAlternativeApy: bestAlternativeApy(o.rows(), pair.symbol),
        spread: spreads.get({ pairSeq: pair.pairSeq, symbol: pair.symbol, longVenue: pair.longVenue, shortVenue: pair.shortVenue, openedAtMs: pair.openedAtMs }, settings),
        nowMs: o.clock.now(),
      });
    },
    settings: () => o.settings().exits,
    autoExit: o.autoExit,
    closer: o.closer,
    rebalancer: o.rebalancer,
    onFired: (e) => o.events.emit('pairs.exitFired', e),
    log: o.log,
    now: () => o.clock.now(),
    ...(o.ticker === undefined ? {} : { ticker: o.ticker }),
  });
  const report = (what: CommandFailure['what'], pairSeq: number) => (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    o.log.error(`${what} failed`, { pairSeq, error: message });
    o.onCommandFailed?.({ what, pairSeq, message });
  };
  const controls: ExitControls = {
    evaluate: (pairSeq) => loop.evaluate(pairSeq),
    close(pairSeq, urgency, reason) {
      if (o.closer === null) throw new ApiFailure('UNAVAILABLE', 'no closer in this core');
      // A close refused once it runs (the pair's state moved between the command's check and the
      // closer's) sent nothing: the trader who was answered OK is told, as for a failure.
      o.closer.close(pairSeq, urgency, reason).then((r) => {
        if (r.outcome === 'refused') report('close', pairSeq)(new Error(`nothing was closed: ${r.detail}`));
      }, report('close', pairSeq));
    },
    rebalance(pairSeq, reason) {
      if (o.rebalancer === null) throw new ApiFailure('UNAVAILABLE', 'no rebalancer in this core');
      // Refused (another rebalance running, an order unresolved, the gate) or legs unknown:
      // nothing was sent, and the trader who asked is told why.
      o.rebalancer.rebalance(pairSeq, reason).then((r) => {
        if (r.outcome === 'refused') report('rebalance', pairSeq)(new Error(`nothing was sent: ${r.reason}`));
        else if (r.outcome === 'unknown') report('rebalance', pairSeq)(new Error(`nothing was sent: the legs are not known (${r.need.kind === 'unknown' ? r.need.why : r.need.kind})`));
      }, report('rebalance', pairSeq));
    },
  };
  return {
    loop,
    positions,
    controls,
    fillSeen: (pairSeq) => legs.delete(pairSeq),
    stop() {
      loop.stop();
      positions.stop();
    },
  };
}
