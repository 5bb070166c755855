// Extended JSON ⇄ port values. Money and sizes stay exact decimal strings (fees, funding cash,
// positions, balances); prices for analytics become numbers.
import type { Balance, Fill, FundingPayment, MarketStatus, OrderState, Position } from '../../port';
import { hourlyFromExtended, symbolOf } from './funding';
import { exact, negate } from './money';
import { endReasonOf, statusOf } from './reasons';
import type { ExtendedBalance, ExtendedFundingPayment, ExtendedOrder, ExtendedPosition, ExtendedTrade } from './schemas';

/** venues.md §7.3: ACTIVE, REDUCE_ONLY, DELISTED, PRELISTED; DISABLED also appears in the docs.
 *  Without a status the legacy `active` flag decides. Anything unknown is not tradable. */
export function marketStatusOf(status: string | undefined, active: boolean): MarketStatus {
  switch (status) {
    case 'ACTIVE':
      return 'active';
    case 'REDUCE_ONLY':
      return 'reduce-only';
    case 'PRELISTED':
      return 'prelisted';
    case undefined:
      return active ? 'active' : 'delisted';
    default:
      return 'delisted';
  }
}

export function toOrderState(o: ExtendedOrder): OrderState {
  const status = statusOf(o.status, o.filledQty);
  return {
    venue: 'extended',
    symbol: symbolOf(o.market),
    clientOrderId: o.externalId,
    venueOrderId: String(o.id),
    side: o.side === 'BUY' ? 'buy' : 'sell',
    status,
    endReason: endReasonOf(status, o.statusReason, o.timeInForce),
    venueReason: o.statusReason ?? o.status,
    price: o.price,
    size: o.qty,
    filledSize: o.filledQty ?? '0',
    avgFillPrice: o.averagePrice === undefined ? null : Number(o.averagePrice),
    reduceOnly: o.reduceOnly,
    updatedAtMs: o.updatedTime,
  };
}

/** Extended trades carry `orderId` but no externalId: the caller resolves the client id. */
export function toFill(t: ExtendedTrade, clientOrderId: string | null): Fill {
  return {
    venue: 'extended',
    symbol: symbolOf(t.market),
    venueFillId: String(t.id),
    venueOrderId: String(t.orderId),
    clientOrderId,
    side: t.side === 'BUY' ? 'buy' : 'sell',
    size: t.qty,
    price: t.price,
    feeUsd: exact(t.fee),
    isMaker: !t.isTaker,
    timeMs: t.createdTime,
  };
}

/** Sizes are unsigned with a side (venues.md §2.2): SHORT becomes negative; CLOSED is "0". */
export function toPosition(p: ExtendedPosition): Position {
  const closed = p.status === 'CLOSED' || /^-?0*(\.0*)?$/.test(p.size);
  return {
    venue: 'extended',
    symbol: symbolOf(p.market),
    size: closed ? '0' : p.side === 'LONG' ? exact(p.size) : negate(p.size),
    entryPrice: Number(p.openPrice ?? 0),
    markPrice: Number(p.markPrice ?? 0),
    liquidationPrice: p.liquidationPrice === undefined ? null : Number(p.liquidationPrice),
    unrealizedPnlUsd: Number(p.unrealisedPnl ?? 0),
    leverage: p.leverage === undefined ? null : Number(p.leverage),
  };
}

export function toBalance(b: ExtendedBalance): Balance {
  return { venue: 'extended', collateralUsd: exact(b.balance), equityUsd: exact(b.equity), availableUsd: exact(b.availableForTrade) };
}

/** No payment id is documented (venues.md §7.3), so rows are always keyed by market and paid
 *  time: stable whether or not the venue sends an id, one row per market per settlement. */
export function fundingPaymentKey(market: string, paidTimeMs: number): string {
  return `${market}:${paidTimeMs}`;
}

export function toFundingPayment(p: ExtendedFundingPayment): FundingPayment {
  let hourlyRate: number | null = null;
  if (p.fundingRate !== undefined) {
    try {
      hourlyRate = hourlyFromExtended(p.fundingRate);
    } catch {
      hourlyRate = null;
    }
  }
  return {
    venue: 'extended',
    symbol: symbolOf(p.market),
    venuePaymentId: fundingPaymentKey(p.market, p.paidTime),
    settlementTimeMs: p.paidTime,
    cashUsd: exact(p.fundingFee),
    hourlyRate,
    positionSide: p.side === 'LONG' ? 'long' : 'short',
    positionSize: exact(p.size.replace(/^-/, '')),
    markPrice: p.markPrice === undefined ? null : Number(p.markPrice),
  };
}
