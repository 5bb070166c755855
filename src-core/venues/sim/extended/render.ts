// Extended's JSON shapes (venues.md §2.2-2.5): {status, data, pagination} envelopes, camelCase,
// decimal strings, epoch-ms timestamps, hourly decimal funding, British "unrealisedPnl".
import { fromIncrements } from '../../../domain/decimal';
import type { SimMarket } from '../universe/universe';
import type { SimEngine } from '../engine/engine';
import type { SimAccount } from '../engine/accounts';
import type { SimFill, SimFundingPayment, SimOrder } from '../engine/types';

export const okEnvelope = (data: unknown, pagination?: { cursor: number; count: number }) => ({ status: 'OK', data, ...(pagination === undefined ? {} : { pagination }) });
export const errEnvelope = (code: number, message: string) => ({ status: 'ERROR', error: { code, message } });

export function px(m: SimMarket, ticks: number): string {
  return fromIncrements(BigInt(ticks), m.tickSize);
}

export function sz(m: SimMarket, steps: number): string {
  return fromIncrements(BigInt(steps), m.stepSize);
}

function num(v: number, digits: number): string {
  return v.toFixed(digits);
}

export function marketStats(engine: SimEngine, m: SimMarket): Record<string, unknown> {
  const q = engine.quote('extended', m.symbol);
  const f = engine.funding('extended', m.symbol);
  const b = engine.book('extended', m.symbol);
  const bid = b.bestBid();
  const ask = b.bestAsk();
  return {
    dailyVolume: '0',
    dailyVolumeBase: '0',
    dailyPriceChange: '0',
    dailyPriceChangePercentage: '0',
    dailyLow: num(q.mid * 0.97, m.priceDecimals),
    dailyHigh: num(q.mid * 1.03, m.priceDecimals),
    lastPrice: num(q.mid, m.priceDecimals),
    askPrice: ask === null ? '0' : px(m, ask),
    bidPrice: bid === null ? '0' : px(m, bid),
    markPrice: num(q.mark, m.priceDecimals),
    indexPrice: num(q.index, m.priceDecimals),
    // Already an hourly decimal (venues.md §3 pitfall 5).
    fundingRate: f.predictedHourly.toFixed(8),
    // Despite its name, a timestamp: when the next funding is paid.
    nextFundingRate: f.nextSettlementMs,
    openInterest: '0',
    openInterestBase: '0',
  };
}

export function renderMarket(engine: SimEngine, m: SimMarket, status: string = 'ACTIVE'): Record<string, unknown> {
  const l2 = m.l2!;
  return {
    name: m.venueMarket,
    uiName: m.venueMarket,
    category: 'L1',
    assetName: m.symbol,
    assetPrecision: m.sizeDecimals,
    collateralAssetName: 'USD',
    collateralAssetPrecision: 6,
    active: status === 'ACTIVE',
    status,
    marketStats: marketStats(engine, m),
    tradingConfig: {
      minOrderSize: m.minSize,
      minOrderSizeChange: m.stepSize,
      minPriceChange: m.tickSize,
      maxMarketOrderValue: '1000000',
      maxLimitOrderValue: '5000000',
      maxPositionValue: '10000000',
      maxLeverage: m.maxLeverage.toFixed(2),
      maxNumOrders: '200',
      limitPriceCap: m.priceBandFraction.toFixed(2),
      limitPriceFloor: m.priceBandFraction.toFixed(2),
      riskFactorConfig: [
        { upperBound: '400000', riskFactor: (1 / m.maxLeverage).toFixed(4) },
        { upperBound: '1000000000', riskFactor: Math.min(1, 2 / m.maxLeverage).toFixed(4) },
      ],
    },
    l2Config: { type: 'STARKX', collateralId: l2.collateralId, collateralResolution: l2.collateralResolution, syntheticId: l2.syntheticId, syntheticResolution: l2.syntheticResolution },
  };
}

/** Status and reason: matching-time failures are REJECTED with a statusReason (venues.md §2.4). */
export function statusOf(o: SimOrder): { status: string; statusReason?: string } {
  if (o.status === 'open') return { status: o.filledSteps > 0 ? 'PARTIALLY_FILLED' : 'NEW' };
  if (o.status === 'filled') return { status: 'FILLED' };
  switch (o.reason) {
    case 'post-only':
      return { status: 'REJECTED', statusReason: 'POST_ONLY_FAILED' };
    case 'reduce-only':
      return { status: 'REJECTED', statusReason: 'REDUCE_ONLY_FAILED' };
    case 'margin':
      return { status: 'REJECTED', statusReason: 'NOT_ENOUGH_FUNDS' };
    case 'self-trade':
      return { status: 'REJECTED', statusReason: 'SELF_TRADE_PROTECTION' };
    case 'not-enough-liquidity':
      return { status: 'CANCELLED', statusReason: 'NO_LIQUIDITY' };
    case 'expired':
      return { status: 'EXPIRED', statusReason: 'NONE' };
    case 'ioc-remainder':
    case 'user':
    case 'ghost':
    case null:
      return { status: 'CANCELLED', statusReason: 'NONE' };
  }
}

export function renderOrder(m: SimMarket, o: SimOrder, accountId: number, payedFeeUsd: number): Record<string, unknown> {
  const avg = o.filledSteps === 0 ? undefined : (o.filledQuoteUsd / (o.filledSteps * Number(m.stepSize))).toFixed(m.priceDecimals);
  return {
    id: o.orderId,
    accountId,
    externalId: o.clientId,
    market: m.venueMarket,
    type: o.type === 'market' ? 'MARKET' : 'LIMIT',
    side: o.isAsk ? 'SELL' : 'BUY',
    ...statusOf(o),
    price: px(m, o.priceTicks),
    ...(avg === undefined ? {} : { averagePrice: avg }),
    qty: sz(m, o.sizeSteps),
    filledQty: sz(m, o.filledSteps),
    reduceOnly: o.reduceOnly,
    postOnly: o.tif === 'post_only',
    payedFee: payedFeeUsd.toFixed(6),
    createdTime: o.createdMs,
    updatedTime: o.updatedMs,
    ...(o.expiryMs === null ? {} : { expiryTime: o.expiryMs }),
    timeInForce: o.tif === 'ioc' ? 'IOC' : 'GTT',
  };
}

export function renderTrade(m: SimMarket, f: SimFill, accountId: number): Record<string, unknown> {
  return {
    id: f.tradeId,
    accountId,
    market: m.venueMarket,
    orderId: f.orderId,
    side: f.isAsk ? 'SELL' : 'BUY',
    price: px(m, f.priceTicks),
    qty: sz(m, f.sizeSteps),
    value: (f.price * f.size).toFixed(6),
    fee: (f.feeMicro / 1e6).toFixed(6),
    isTaker: !f.isMaker,
    tradeType: f.tradeType === 'liquidation' ? 'LIQUIDATION' : 'TRADE',
    createdTime: f.timeMs,
  };
}

export function renderPosition(engine: SimEngine, account: SimAccount, m: SimMarket, accountId: number): Record<string, unknown> | null {
  const p = account.positions.get(m.symbol);
  if (p === undefined || p.steps === 0) return null;
  const size = Math.abs(p.steps) * Number(m.stepSize);
  const mark = engine.quote('extended', m.symbol).mark;
  const upnl = engine.unrealizedMicro(account, m.symbol) / 1e6;
  const equity = account.collateralMicro / 1e6 + upnl;
  const liq = p.steps > 0 ? Math.max(0, mark - equity / size) : mark + equity / size;
  return {
    id: m.marketIndex ?? 0,
    accountId,
    market: m.venueMarket,
    status: 'OPENED',
    side: p.steps > 0 ? 'LONG' : 'SHORT',
    leverage: String(account.leverageOf(m.symbol, m.maxLeverage)),
    size: sz(m, Math.abs(p.steps)),
    value: (size * mark).toFixed(6),
    openPrice: p.entryPrice.toFixed(m.priceDecimals),
    markPrice: mark.toFixed(m.priceDecimals),
    liquidationPrice: liq.toFixed(m.priceDecimals),
    unrealisedPnl: upnl.toFixed(6),
    realisedPnl: (p.realizedMicro / 1e6).toFixed(6),
    createdAt: engine.startedAtMs,
    updatedAt: engine.clock.nowMs(),
  };
}

/** A position that went flat, as the account stream reports it: the full position model with
 *  status CLOSED and size 0 (venues.md §7.3), not a bare {market, status}. */
export function renderClosedPosition(engine: SimEngine, account: SimAccount, m: SimMarket, accountId: number): Record<string, unknown> {
  const p = account.positions.get(m.symbol);
  const mark = engine.quote('extended', m.symbol).mark;
  return {
    id: m.marketIndex ?? 0,
    accountId,
    market: m.venueMarket,
    status: 'CLOSED',
    side: 'LONG',
    leverage: String(account.leverageOf(m.symbol, m.maxLeverage)),
    size: sz(m, 0),
    value: '0',
    openPrice: (0).toFixed(m.priceDecimals),
    markPrice: mark.toFixed(m.priceDecimals),
    liquidationPrice: (0).toFixed(m.priceDecimals),
    unrealisedPnl: '0',
    realisedPnl: ((p?.realizedMicro ?? 0) / 1e6).toFixed(6),
    createdAt: engine.startedAtMs,
    updatedAt: engine.clock.nowMs(),
  };
}

export function renderBalance(engine: SimEngine, account: SimAccount): Record<string, unknown> {
  const upnl = engine.markets('extended').reduce((s, m) => s + engine.unrealizedMicro(account, m.symbol), 0) / 1e6;
  const balance = account.collateralMicro / 1e6;
  const available = engine.availableMicro(account) / 1e6;
  return {
    collateralName: 'USD',
    balance: balance.toFixed(6),
    equity: (balance + upnl).toFixed(6),
    availableForTrade: available.toFixed(6),
    availableForWithdrawal: Math.max(0, available).toFixed(6),
    unrealisedPnl: upnl.toFixed(6),
    initialMargin: Math.max(0, balance + upnl - available).toFixed(6),
    marginRatio: '0',
    exposure: '0',
    leverage: '0',
    updatedTime: engine.clock.nowMs(),
  };
}

export function renderFundingPayment(m: SimMarket, p: SimFundingPayment, accountId: number, omitId = false): Record<string, unknown> {
  return {
    ...(omitId ? {} : { id: p.id }),
    accountId,
    market: m.venueMarket,
    positionId: m.marketIndex ?? 0,
    side: p.positionSize >= 0 ? 'LONG' : 'SHORT',
    size: Math.abs(p.positionSize).toFixed(m.sizeDecimals),
    value: (Math.abs(p.positionSize) * p.markPrice).toFixed(6),
    markPrice: p.markPrice.toFixed(m.priceDecimals),
    fundingFee: (p.changeMicro / 1e6).toFixed(6),
    fundingRate: p.hourlyRate.toFixed(8),
    paidTime: p.timeMs,
  };
}
