// Builders for the reconciliation unit tests: a ledger view and venue snapshots from a few plain
// facts, with worked numbers. Epoch 7; pair 0 (a valid pair sequence: never tested for truth) is an
// ETH pair long on Lighter (market index 0 = ETH on mainnet, venues.md; size step 0.0001 because
// Lighter's ETH base_amount 1000 is 0.1 ETH, venues.md) and short on Extended (test step 0.001).
import { encodeClientOrderId, type OrderPurpose } from '../../../src-core/domain/client-order-id';
import type { OrderStateName, PairState, VenueId } from '../../../src-core/domain/enums';
import type { PnlSummary } from '../../../src-core/ledger/pair-summary';
import { fillKey, fundingKey, type LedgerOrder, type LedgerPair, type LedgerView } from '../../../src-core/reconcile/ledger-view';
import type { SnapshotMarket, VenueSnapshotFailed, VenueSnapshotOk } from '../../../src-core/reconcile/venue-snapshot';
import type { Fill, FundingPayment, OrderState, Position } from '../../../src-core/venues/port';

export const EPOCH = 7;
export const T0 = 1_767_225_600_000; // 2026-01-01T00:00:00Z
export const GRACE_MS = 3_000;

export const ZERO_PNL: PnlSummary = { realizedPnlUsd: '0', fundingReceivedUsd: '0', fundingPaidUsd: '0', feesUsd: '0', netUsd: '0' };

export function cid(pairSeq: number, leg: 0 | 1, purpose: OrderPurpose = 'entry', attempt = 0, epoch = EPOCH): string {
  return encodeClientOrderId({ epoch, pairSeq, leg, purpose, attempt });
}

/** A pair long `longSize` on Lighter (leg 0) and short `shortSize` on Extended (leg 1). */
export function ethPair(o: { pairSeq?: number; state?: PairState; longSize?: string; shortSize?: string; pnl?: PnlSummary; symbol?: string } = {}): LedgerPair {
  const longSize = o.longSize ?? '0.1';
  const shortSize = o.shortSize ?? '-0.1';
  return {
    pairSeq: o.pairSeq ?? 0,
    symbol: o.symbol ?? 'ETH',
    longVenue: 'lighter',
    shortVenue: 'extended',
    state: o.state ?? 'open',
    targetSize: '0.1',
    legs: [
      { leg: 0, venue: 'lighter', positionSide: 'long', filledSize: longSize.replace('-', ''), positionSize: longSize },
      { leg: 1, venue: 'extended', positionSide: 'short', filledSize: shortSize.replace('-', ''), positionSize: shortSize },
    ],
    pnl: o.pnl ?? ZERO_PNL,
  };
}

export function order(o: Partial<LedgerOrder> & { state: OrderStateName }): LedgerOrder {
  const pairSeq = o.pairSeq ?? 0;
  const leg = o.leg ?? 0;
  return {
    intentId: 1,
    clientOrderId: cid(pairSeq, leg, o.purpose ?? 'entry'),
    leg,
    purpose: 'entry',
    venue: leg === 0 ? 'lighter' : 'extended',
    symbol: 'ETH',
    side: leg === 0 ? 'buy' : 'sell',
    size: '0.1',
    tif: 'post_only',
    reduceOnly: false,
    createdAtMs: T0,
    venueOrderId: null,
    filledSize: '0',
    ...o,
    pairSeq,
  };
}

export function view(o: Partial<Omit<LedgerView, 'fillKeys' | 'fundingKeys'>> & { fills?: readonly [VenueId, string][]; funding?: readonly [VenueId, string, number][] } = {}): LedgerView {
  return {
    epoch: EPOCH,
    pairs: o.pairs ?? [],
    orders: o.orders ?? [],
    activePairSeqs: o.activePairSeqs ?? new Set(),
    movingMarkets: o.movingMarkets ?? new Set(),
    fillKeys: new Set((o.fills ?? []).map(([v, id]) => fillKey(v, id))),
    fundingKeys: new Set((o.funding ?? []).map(([v, s, t]) => fundingKey(v, s, t))),
  };
}

export const LIGHTER_ETH: SnapshotMarket = { symbol: 'ETH', marketIndex: 0, stepSize: '0.0001', markPrice: 3000 };
export const EXTENDED_ETH: SnapshotMarket = { symbol: 'ETH', marketIndex: null, stepSize: '0.001', markPrice: 3000 };

export function position(venue: VenueId, size: string, markPrice = 3000, symbol = 'ETH'): Position {
  return { venue, symbol, size, entryPrice: 3000, markPrice, liquidationPrice: null, unrealizedPnlUsd: 0, leverage: 5 };
}

export function fill(venue: VenueId, o: Partial<Fill> & { venueFillId: string }): Fill {
  return { venue, symbol: 'ETH', venueOrderId: 'v-1', clientOrderId: null, side: 'buy', size: '0.1', price: '3000', feeUsd: '0.06', isMaker: true, timeMs: T0 + 1_000, ...o };
}

export function openOrder(venue: VenueId, o: Partial<OrderState> & { clientOrderId: string }): OrderState {
  return {
    venue,
    symbol: 'ETH',
    venueOrderId: 'v-open',
    side: 'buy',
    status: 'open',
    endReason: null,
    venueReason: null,
    price: '2990',
    size: '0.1',
    filledSize: '0',
    avgFillPrice: null,
    reduceOnly: false,
    updatedAtMs: T0,
    ...o,
  };
}

export function payment(venue: VenueId, settlementTimeMs: number, cashUsd: string, symbol = 'ETH'): FundingPayment {
  return { venue, symbol, venuePaymentId: `${symbol}:${settlementTimeMs}`, settlementTimeMs, cashUsd, hourlyRate: 0.0000125, positionSide: 'short', positionSize: '0.1', markPrice: 3000 };
}

export function okSnapshot(venue: VenueId, o: Partial<Omit<VenueSnapshotOk, 'kind' | 'venue'>> = {}): VenueSnapshotOk {
  return {
    kind: 'ok',
    venue,
    queriedAtMs: T0 + 60_000,
    sinceMs: T0 - 1_000,
    notFoundGraceMs: GRACE_MS,
    openOrders: [],
    positions: [],
    fills: [],
    fundingPayments: [],
    balance: { venue, collateralUsd: '1000', equityUsd: '1000', availableUsd: '900' },
    markets: [venue === 'lighter' ? LIGHTER_ETH : EXTENDED_ETH],
    ...o,
  };
}

export function failedSnapshot(venue: VenueId, error = 'HTTP 503'): VenueSnapshotFailed {
  return { kind: 'failed', venue, queriedAtMs: T0 + 60_000, failedQuery: 'positions', error };
}

/** Both venues holding the default pair exactly as the ledger does. */
export function agreeingSnapshots(): [VenueSnapshotOk, VenueSnapshotOk] {
  return [okSnapshot('lighter', { positions: [position('lighter', '0.1')] }), okSnapshot('extended', { positions: [position('extended', '-0.1')] })];
}

export const TOLERANCE = { sizeMismatchMinSteps: 1, sizeMismatchToleranceUsd: 1 };
