// The pair rebalancer: when the two legs of an open pair hold different base quantities (a
// partial liquidation, a dust rest an entry could not hedge), it trades the difference on the
// LARGER leg with one reduce-only IOC inside settings.trading.hedgeSlippageCapBps of the touch,
// sized on that venue's step toward less trading (rebalance-need.ts). Everything it decides
// rests on the venues' LIVE positions (the port's positions query), never on the ledger alone,
// and a failed query is never "flat": nothing is sent and the report says why.
//
// The intent is durable before the send (the tracker writes it through the ledger, purpose
// 'rebalance'); an ambiguous outcome is resolved by the tracker's queries (settleIoc), never by
// re-sending: while any order of the pair is unresolved, no new rebalance is sent. One rebalance
// at a time per pair. The pair's state is left as it is (a rebalance neither opens nor closes).
//
// The gate ('reduce') is asked before the send, like every order of the executor: HALTED sends
// nothing, REDUCING lets a reduce-only rebalance pass.
import { ATTEMPT_MAX } from '../domain/client-order-id';
import type { Clock } from '../domain/clock';
import type { PairState } from '../domain/enums';
import type { VenueId } from '../domain/venue';
import type { ExitSettings } from '../config/exits';
import type { TradingSettings } from '../config/trading';
import type { LedgerRepo } from '../ledger/ledger-repo';
import type { PairRecord } from '../ledger/types';
import type { Logger } from '../telemetry/log';
import type { L2Book, MarketMeta, Position, TradingPort } from '../venues/port';
import { PriceInputError, takerTouch, touchTicks } from './book-touch';
import type { EntryGate } from './entry-types';
import { slippageLimitPrice } from './hedge-ladder';
import { settled, settleIoc } from './ioc-settle';
import { isClosed } from './order-fsm';
import { rebalanceNeed, type NeedLeg, type RebalanceNeed } from './rebalance-need';
import type { OrderTracker, TrackedOrder } from './tracker-types';

export type { RebalanceNeed } from './rebalance-need';

/** Pairs whose legs the venues should hold: an open pair, or one an entry left 'broken' by a
 *  rest it could not hedge or roll back. */
const REBALANCEABLE: readonly PairState[] = ['open', 'broken'];

export type RebalanceSettings = Pick<ExitSettings, 'rebalanceMinDeltaFraction' | 'rebalanceMinDeltaUsd'> &
  Pick<TradingSettings, 'hedgeSlippageCapBps' | 'hedgeAttemptTimeoutMs' | 'inFlightCheckIntervalMs' | 'entryDeadlineMs'>;

/** The parts of a venue adapter the rebalancer reads. */
export interface RebalanceVenue {
  market(symbol: string): MarketMeta | undefined;
  book(symbol: string): L2Book | undefined;
  positions: TradingPort['positions'];
}

export interface PairRebalancerDeps {
  readonly tracker: OrderTracker;
  readonly ledger: LedgerRepo;
  readonly venues: Readonly<Record<VenueId, RebalanceVenue>>;
  readonly clock: Clock;
  /** The risk layer's gate, asked with effect 'reduce' before the send. */
  readonly gate: EntryGate;
  readonly settings: () => RebalanceSettings;
  readonly log: Logger;
}

export type RebalanceReport =
  /** Nothing was sent: the need says why (balanced, untradeable, unknown). */
  | { readonly outcome: 'not-needed' | 'untradeable' | 'unknown'; readonly need: RebalanceNeed }
  /** Nothing was sent, for a reason of the moment: another rebalance of the pair is running, an
   *  order of the pair is unresolved, the gate or the book refused, attempts are spent. */
  | { readonly outcome: 'refused'; readonly reason: string; readonly need: RebalanceNeed | null }
  /** One IOC was sent. `settled`: its end and every fill are known (`filledSize` exact); if not,
   *  the tracker goes on resolving it and no rebalance of the pair is sent until it has. `after`
   *  is a fresh check from the venues once it settled (null if it did not). */
  | {
      readonly outcome: 'traded';
      readonly need: Extract<RebalanceNeed, { kind: 'trade' }>;
      readonly clientOrderId: string;
      readonly price: string;
      readonly settled: boolean;
      readonly filledSize: string;
      readonly orderState: string;
      readonly after: RebalanceNeed | null;
    };

export class PairRebalancer {
  private readonly running = new Set<number>();

  constructor(private readonly deps: PairRebalancerDeps) {}

  /** What a rebalance would trade now and why, from both venues' live positions. Sends nothing. */
  async check(pairSeq: number): Promise<RebalanceNeed> {
    const rec = this.deps.ledger.pairRecord(pairSeq);
    if (rec === null) return { kind: 'unknown', cause: 'no-pair', why: `no pair ${pairSeq}` };
    return this.need(rec);
  }

  /** Trades the pair's excess once, if there is one. One at a time per pair. */
  async rebalance(pairSeq: number, reason: string): Promise<RebalanceReport> {
    if (this.running.has(pairSeq)) return { outcome: 'refused', reason: 'a rebalance of this pair is running', need: null };
    this.running.add(pairSeq);
    try {
      return await this.run(pairSeq, reason);
    } finally {
      this.running.delete(pairSeq);
    }
  }

  private async run(pairSeq: number, reason: string): Promise<RebalanceReport> {
    const { ledger, log } = this.deps;
    const rec = ledger.pairRecord(pairSeq);
    if (rec === null) return { outcome: 'unknown', need: { kind: 'unknown', cause: 'no-pair', why: `no pair ${pairSeq}` } };
    const pending = await this.unresolvedOfPair(pairSeq);
    if (pending !== null) return { outcome: 'refused', reason: `order ${pending} of the pair is unresolved: its fills are not known`, need: null };
    const need = await this.need(rec);
    switch (need.kind) {
      case 'balanced':
        return { outcome: 'not-needed', need };
      case 'untradeable':
        log.warn('pair legs differ but the excess cannot be traded', { pairSeq, venue: need.venue, why: need.why, size: need.size, deltaBase: need.deltaBase });
        return { outcome: 'untradeable', need };
      case 'unknown':
        log.warn('rebalance: positions not known, nothing sent', { pairSeq, cause: need.cause, why: need.why });
        return { outcome: 'unknown', need };
      case 'trade':
        return this.trade(rec, need, reason);
    }
  }

  private async trade(rec: PairRecord, need: Extract<RebalanceNeed, { kind: 'trade' }>, reason: string): Promise<RebalanceReport> {
    const { tracker, clock, log } = this.deps;
    const settings = this.deps.settings();
    const symbol = rec.pair.symbol;
    const verdict = this.deps.gate({ effect: 'reduce', venue: need.venue, symbol });
    if (!verdict.allowed) return { outcome: 'refused', reason: `gate: ${verdict.reason ?? 'reduce refused'}`, need };
    const market = this.deps.venues[need.venue].market(symbol);
    if (market === undefined) return { outcome: 'refused', reason: `no ${symbol} market metadata on ${need.venue}`, need };
    const price = this.limitPrice(need, market);
    if (typeof price !== 'string') return { outcome: 'refused', reason: price.reason, need };
    const attempt = this.nextAttempt(rec.pair.pairSeq, need.leg);
    if (attempt === null) return { outcome: 'refused', reason: `rebalance attempts exhausted for leg ${need.leg}`, need };
    let sent: TrackedOrder;
    try {
      sent = await tracker.submit({
        pair: rec.pair,
        intent: { leg: need.leg, venue: need.venue, purpose: 'rebalance', attempt, side: need.side, size: need.size, price, tif: 'ioc', reduceOnly: true },
        type: 'limit',
      });
    } catch (e) {
      // Refused before anything was sent (a bad amount, a stopped tracker, a duplicate id).
      log.error('rebalance not submitted', { pairSeq: rec.pair.pairSeq, error: String(e) });
      return { outcome: 'refused', reason: `not submitted: ${e instanceof Error ? e.message : String(e)}`, need };
    }
    const id = sent.intent.clientOrderId;
    log.info('rebalance sent', { pairSeq: rec.pair.pairSeq, reason, clientOrderId: id, venue: need.venue, side: need.side, size: need.size, price, deltaBase: need.deltaBase });
    // Bounded by the entry's budget: an unknown outcome is waited for (never re-sent) this long,
    // then left to the tracker, and the next rebalance refuses until it is resolved.
    const end = clock.monoNow() + settings.entryDeadlineMs;
    const done = await settleIoc(this.deps, id, end, { usualWaitMs: settings.hedgeAttemptTimeoutMs, recheckMs: settings.inFlightCheckIntervalMs });
    const ok = settled(done);
    if (!ok) log.warn('rebalance IOC not settled: left to the tracker, never re-sent', { clientOrderId: id, state: done.order.state });
    return {
      outcome: 'traded',
      need,
      clientOrderId: id,
      price,
      settled: ok,
      filledSize: done.order.filledSize,
      orderState: done.order.state,
      after: ok ? await this.need(rec) : null,
    };
  }

  /** The IOC's limit: the taker's touch ± hedgeSlippageCapBps, on the tick grid toward the touch. */
  private limitPrice(need: Extract<RebalanceNeed, { kind: 'trade' }>, market: MarketMeta): string | { reason: string } {
    const book = this.deps.venues[need.venue].book(market.symbol);
    if (book === undefined || !book.fresh) return { reason: `no fresh ${need.venue} book to price the rebalance` };
    try {
      const touch = takerTouch(need.side, touchTicks(book, market.tickSize));
      if (touch === null) return { reason: `the ${need.venue} book has no ${need.side === 'buy' ? 'asks' : 'bids'}` };
      return slippageLimitPrice(need.side, touch, this.deps.settings().hedgeSlippageCapBps, market.tickSize);
    } catch (e) {
      if (e instanceof PriceInputError) return { reason: `rebalance price: ${e.message}` };
      throw e;
    }
  }

  /** The next attempt number of (pair, leg, 'rebalance'), from the ledger (durable across restarts). */
  private nextAttempt(pairSeq: number, leg: 0 | 1): number | null {
    let next = 0;
    for (const i of this.deps.ledger.intentsOfPair(pairSeq)) if (i.leg === leg && i.purpose === 'rebalance') next = Math.max(next, i.attempt + 1);
    return next > ATTEMPT_MAX ? null : next;
  }

  /** An order of the pair whose end or fills are not known yet (after a lost IOC of ours is
   *  judged once more), or null. Such an order may still change a position. */
  private async unresolvedOfPair(pairSeq: number): Promise<string | null> {
    for (const i of this.deps.ledger.unresolvedIntents()) {
      if (i.pairSeq !== pairSeq) continue;
      let o = this.deps.tracker.get(i.clientOrderId);
      if (o !== undefined && o.order.state === 'lost' && i.tif === 'ioc') o = await this.deps.tracker.judgeLost(i.clientOrderId);
      if (o === undefined || !isClosed(o.order.state)) return i.clientOrderId;
    }
    return null;
  }

  private async need(rec: PairRecord): Promise<RebalanceNeed> {
    const { pair } = rec;
    if (!REBALANCEABLE.includes(rec.state)) return { kind: 'unknown', cause: 'pair-state', why: `pair ${pair.pairSeq} is ${rec.state}` };
    const [v0, v1] = rec.legVenues;
    if (v0 === null || v1 === null || v0 === v1) return { kind: 'unknown', cause: 'no-pair', why: `pair ${pair.pairSeq} does not have one leg on each venue` };
    const venues = [v0, v1] as const;
    const markets = venues.map((v) => this.deps.venues[v].market(pair.symbol));
    if (markets[0] === undefined || markets[1] === undefined) return { kind: 'unknown', cause: 'no-market', why: `no ${pair.symbol} market metadata on ${venues.filter((_, i) => markets[i] === undefined).join(', ')}` };
    // Both asked at once, both must answer: one failed query makes the whole picture unknown.
    const reads = await Promise.allSettled(venues.map((v) => this.deps.venues[v].positions()));
    const failed = reads.flatMap((r, i) => (r.status === 'rejected' ? [`${venues[i]}: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`] : []));
    if (failed.length > 0) return { kind: 'unknown', cause: 'query-failed', why: `positions not read (${failed.join('; ')})` };
    const legOf = (i: 0 | 1): NeedLeg => {
      const venue = venues[i];
      const m = markets[i]!;
      // The venue answered: a market absent from its list is flat there. One pair per symbol
      // (the gate's entry rule), so the venue's position in the market is this pair's leg.
      const p: Position | undefined = (reads[i] as PromiseFulfilledResult<readonly Position[]>).value.find((x) => x.symbol === pair.symbol);
      return {
        leg: i,
        venue,
        positionSide: venue === pair.longVenue ? 'long' : 'short',
        size: p?.size ?? '0',
        markPrice: p?.markPrice ?? 0,
        stepSize: m.stepSize,
        minSize: m.minSize,
        minNotionalUsd: m.minNotionalUsd,
      };
    };
    return rebalanceNeed([legOf(0), legOf(1)], this.deps.settings());
  }
}
