// The positions overview wired to the trading core's memory: the ledger's pair rows (one read per
// computation), each shown pair's legs (re-read only when its row's legs or PnL changed), the
// position book the exit rules read, the market view, the balances, the exit loop's evaluation
// and the exact funding of the UTC day; then the feed that emits positions.update.
import type { EventHub } from '../../api/events';
import type { ExitTable } from '../../api/channels/exits';
import type { VenueId } from '../../domain/venue';
import type { LedgerQueries } from '../../ledger/ledger-queries';
import type { LegDetail } from '../../ledger/pair-summary';
import type { PairView } from '../../ledger/query-types';
import type { SymbolView } from '../../market/types';
import type { Db } from '../../store/db';
import type { Logger } from '../../telemetry/log';
import type { Balance } from '../../venues/port';
import type { Ticker } from '../screener-emitter';
import { fundingSinceReader } from './funding-today';
import type { PositionBook } from './position-book';
import { startPositionsFeed, type PositionsFeed } from './positions-feed';
import { positionsOverview, SHOWN_STATES } from './positions-overview';

export interface PositionsWiringOptions {
  readonly db: Db;
  readonly queries: Pick<LedgerQueries, 'listPairs' | 'pairDetail'>;
  readonly market: { view(symbol: string): SymbolView | undefined };
  readonly positions: Pick<PositionBook, 'get'>;
  readonly exits: (pairSeq: number) => ExitTable | null;
  readonly balances: () => Readonly<Record<VenueId, Balance | null>>;
  readonly events: EventHub;
  readonly log: Logger;
  readonly now: () => number;
  readonly ticker?: Ticker;
}

export function startPositionsWiring(o: PositionsWiringOptions): PositionsFeed {
  const fundingSince = fundingSinceReader(o.db);
  const legs = new Map<number, { key: string; legs: readonly LegDetail[] }>();
  const legsOf = (pair: PairView): readonly LegDetail[] => {
    // A leg's cost basis moves only with its fills, which move the row's legs and PnL.
    const key = JSON.stringify([pair.legs, pair.pnl]);
    const hit = legs.get(pair.pairSeq);
    if (hit !== undefined && hit.key === key) return hit.legs;
    const fresh = o.queries.pairDetail(pair.pairSeq)?.legs ?? [];
    legs.set(pair.pairSeq, { key, legs: fresh });
    return fresh;
  };
  const compute = () => {
    const pairs = o.queries.listPairs().filter((p) => SHOWN_STATES.has(p.state));
    const shown = new Set(pairs.map((p) => p.pairSeq));
    for (const seq of legs.keys()) if (!shown.has(seq)) legs.delete(seq);
    const byId = new Map(pairs.map((p) => [p.pairSeq, p]));
    return positionsOverview({
      pairs,
      legs: (seq) => legsOf(byId.get(seq)!),
      view: (symbol) => o.market.view(symbol),
      position: (venue, symbol, notBeforeMs) => o.positions.get(venue, symbol, notBeforeMs),
      exits: o.exits,
      balances: o.balances(),
      fundingSince,
      nowMs: o.now(),
    });
  };
  return startPositionsFeed({ compute, events: o.events, log: o.log, ...(o.ticker === undefined ? {} : { ticker: o.ticker }) });
}
