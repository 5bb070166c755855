// Lighter's JSON shapes (venues.md §1.2-1.5): flat envelopes, decimal strings, fees in percent,
// IMFs in basis points of 10 000 in market details but percent on positions, unsigned position +
// sign, timestamps mixed (trades/fundings in seconds where the docs show seconds).
import { fromIncrements } from '../../../domain/decimal';
import type { SimMarket } from '../universe/universe';
import type { SimEngine } from '../engine/engine';
import type { SimAccount } from '../engine/accounts';
import type { SimFill, SimFundingPayment, SimOrder } from '../engine/types';

export const LLP_ACCOUNT = 281474976710654;

export function px(m: SimMarket, ticks: number): string {
  return fromIncrements(BigInt(ticks), m.tickSize);
}

export function sz(m: SimMarket, steps: number): string {
  return fromIncrements(BigInt(steps), m.stepSize);
}

export function usd(value: number, decimals = 6): string {
  return value.toFixed(decimals);
}

/** Percent string as Lighter prints fees: 0.0002 (decimal) → "0.0200". */
export function pct(decimalFraction: number, decimals = 4): string {
  return (decimalFraction * 100).toFixed(decimals);
}

export function orderBookEntry(m: SimMarket): Record<string, unknown> {
  return {
    symbol: m.symbol,
    market_id: m.marketIndex,
    market_type: 'perp',
    base_asset_id: 0,
    quote_asset_id: 0,
    status: 'active',
    taker_fee: pct(m.takerFeeRate),
    maker_fee: pct(m.makerFeeRate),
    liquidation_fee: '1.0000',
    min_base_amount: m.minSize,
    min_quote_amount: m.minNotionalUsd,
    order_quote_limit: '',
    supported_size_decimals: m.sizeDecimals,
    supported_price_decimals: m.priceDecimals,
    supported_quote_decimals: m.sizeDecimals + m.priceDecimals,
    is_taker_fee_enabled: true,
    is_maker_fee_enabled: true,
    created_at: '2025-01-01T00:00:00Z',
    multiplier: '1',
  };
}

export function orderBookDetail(engine: SimEngine, m: SimMarket): Record<string, unknown> {
  const q = engine.quote('lighter', m.symbol);
  const f = engine.funding('lighter', m.symbol);
  const minImfBps = Math.round(10_000 / m.maxLeverage);
  return {
    ...orderBookEntry(m),
    size_decimals: m.sizeDecimals,
    price_decimals: m.priceDecimals,
    quote_multiplier: 1,
    default_initial_margin_fraction: Math.max(minImfBps, 1_000),
    min_initial_margin_fraction: minImfBps,
    maintenance_margin_fraction: Math.round(minImfBps * 0.6),
    closeout_margin_fraction: Math.round(minImfBps * 0.4),
    last_trade_price: Number(q.mid.toPrecision(8)),
    daily_trades_count: 0,
    daily_base_token_volume: 0,
    daily_quote_token_volume: 0,
    daily_price_low: Number((q.mid * 0.97).toPrecision(8)),
    daily_price_high: Number((q.mid * 1.03).toPrecision(8)),
    daily_price_change: 0,
    open_interest: 0,
    daily_chart: {},
    market_config: { market_margin_mode: 0, insurance_fund_account_index: LLP_ACCOUNT, liquidation_mode: 0, force_reduce_only: false, trading_hours: '', rfq_enabled: false },
    strategy_index: 0,
    funding_premium_multiplier: 100,
    mark_price: q.mark.toFixed(m.priceDecimals),
    index_price: q.index.toFixed(m.priceDecimals),
    funding_clamp_small: '0.0500',
    funding_clamp_big: '4.0000',
    base_interest_rate: '0.0012',
    market_flags: 0,
    // No funding field here, as on the real venue (a loader that reads one caches 0).
    _next_funding_ms: f.nextSettlementMs,
  };
}

/** market_stats: funding in PERCENT per hour (venues.md §3 pitfall 1). */
export function marketStats(engine: SimEngine, m: SimMarket): Record<string, unknown> {
  const q = engine.quote('lighter', m.symbol);
  const f = engine.funding('lighter', m.symbol);
  const book = engine.book('lighter', m.symbol);
  const bid = book.bestBid();
  const ask = book.bestAsk();
  return {
    symbol: m.symbol,
    market_id: m.marketIndex,
    index_price: q.index.toFixed(m.priceDecimals),
    mark_price: q.mark.toFixed(m.priceDecimals),
    mid_price: q.mid.toFixed(m.priceDecimals),
    best_bid_price: bid === null ? '0' : px(m, bid),
    best_ask_price: ask === null ? '0' : px(m, ask),
    open_interest: '0',
    open_interest_limit: '0',
    funding_clamp_small: '0.0500',
    funding_clamp_big: '4.0000',
    last_trade_price: q.mid.toFixed(m.priceDecimals),
    current_funding_rate: (f.predictedHourly * 100).toFixed(6),
    funding_rate: (f.lastSettledHourly * 100).toFixed(6),
    funding_timestamp: f.lastSettlementMs,
    base_interest_rate: '0.0012',
    daily_base_token_volume: 0,
    daily_quote_token_volume: 0,
    daily_price_low: 0,
    daily_price_high: 0,
    daily_price_change: 0,
  };
}

function tifName(tif: SimOrder['tif']): string {
  switch (tif) {
    case 'gtt':
      return 'good-till-time';
    case 'ioc':
      return 'immediate-or-cancel';
    case 'post_only':
      return 'post-only';
  }
}

/** Every terminal outcome is a status string; there is no partially-filled status. */
export function orderStatus(o: SimOrder): string {
  if (o.status === 'open') return 'open';
  if (o.status === 'filled') return 'filled';
  switch (o.reason) {
    case 'post-only':
      return 'canceled-post-only';
    case 'reduce-only':
      return 'canceled-reduce-only';
    case 'margin':
      return 'canceled-margin-not-allowed';
    case 'self-trade':
      return 'canceled-self-trade';
    case 'not-enough-liquidity':
      return 'canceled-not-enough-liquidity';
    case 'expired':
      return 'canceled-expired';
    case 'ioc-remainder':
    case 'user':
    case 'ghost':
    case null:
      return 'canceled';
  }
}

export function renderOrder(m: SimMarket, o: SimOrder, accountIndex: number): Record<string, unknown> {
  const filled = o.filledSteps;
  const createdS = Math.floor(o.createdMs / 1000);
  return {
    order_index: o.orderId,
    client_order_index: Number(o.clientId),
    order_id: String(o.orderId),
    client_order_id: o.clientId,
    market_index: m.marketIndex,
    owner_account_index: accountIndex,
    initial_base_amount: sz(m, o.sizeSteps),
    price: px(m, o.priceTicks),
    nonce: 0,
    remaining_base_amount: sz(m, o.status === 'open' ? o.sizeSteps - filled : 0),
    is_ask: o.isAsk,
    base_size: o.sizeSteps,
    base_price: o.priceTicks,
    filled_base_amount: sz(m, filled),
    filled_quote_amount: o.filledQuoteUsd.toFixed(6),
    side: o.isAsk ? 'sell' : 'buy',
    type: o.type,
    time_in_force: tifName(o.tif),
    reduce_only: o.reduceOnly,
    trigger_price: '0',
    order_expiry: o.expiryMs ?? 0,
    status: orderStatus(o),
    trigger_status: 'na',
    trigger_time: 0,
    parent_order_index: 0,
    parent_order_id: '0',
    to_trigger_order_id_0: '0',
    to_trigger_order_id_1: '0',
    to_cancel_order_id_0: '0',
    integrator_fee_collector_index: '0',
    integrator_taker_fee: '0',
    integrator_maker_fee: '0',
    order_flags: 0,
    block_height: 0,
    timestamp: o.updatedMs,
    created_at: createdS,
    updated_at: Math.floor(o.updatedMs / 1000),
    transaction_time: o.updatedMs * 1000,
  };
}

export function renderTrade(m: SimMarket, f: SimFill, accountIndex: number): Record<string, unknown> {
  const ours = { id: f.orderId, client: Number(f.clientId), account: accountIndex };
  const other = { id: 0, client: 0, account: LLP_ACCOUNT };
  const ask = f.isAsk ? ours : other;
  const bid = f.isAsk ? other : ours;
  const isMakerAsk = f.isMaker === f.isAsk;
  const trade: Record<string, unknown> = {
    trade_id: f.tradeId,
    trade_id_str: String(f.tradeId),
    ask_client_id_str: String(ask.client),
    bid_client_id_str: String(bid.client),
    taker_position_size_before: '0',
    taker_entry_quote_before: '0',
    taker_initial_margin_fraction_before: 0,
    taker_position_sign_changed: false,
    maker_position_size_before: '0',
    maker_entry_quote_before: '0',
    maker_initial_margin_fraction_before: 0,
    maker_position_sign_changed: false,
    ask_account_pnl: '0',
    bid_account_pnl: '0',
    integrator_taker_fee: 0,
    integrator_taker_fee_collector_index: 0,
    integrator_maker_fee: 0,
    integrator_maker_fee_collector_index: 0,
    taker_allocated_margin_usdc_before: 0,
    taker_allocated_margin_usdc_after: 0,
    maker_allocated_margin_usdc_before: 0,
    maker_allocated_margin_usdc_after: 0,
    tx_hash: f.tradeId.toString(16).padStart(64, '0'),
    type: f.tradeType,
    market_id: m.marketIndex,
    size: sz(m, f.sizeSteps),
    price: px(m, f.priceTicks),
    usd_amount: (f.price * f.size).toFixed(6),
    ask_id: ask.id,
    bid_id: bid.id,
    ask_client_id: ask.client,
    bid_client_id: bid.client,
    ask_account_id: ask.account,
    bid_account_id: bid.account,
    is_maker_ask: isMakerAsk,
    block_height: f.tradeId,
    timestamp: f.timeMs,
    transaction_time: f.timeMs * 1000,
  };
  // Fees are integer micro-USDC and omitted when zero (Standard accounts pay nothing).
  if (f.feeMicro !== 0) trade[f.isMaker ? 'maker_fee' : 'taker_fee'] = f.feeMicro;
  return trade;
}

export function renderPosition(engine: SimEngine, account: SimAccount, m: SimMarket): Record<string, unknown> {
  const p = account.position(m.symbol);
  const size = Math.abs(p.steps);
  const mark = engine.quote('lighter', m.symbol).mark;
  const lev = account.leverageOf(m.symbol, m.maxLeverage);
  const upnl = engine.unrealizedMicro(account, m.symbol) / 1e6;
  const equity = account.collateralMicro / 1e6 + upnl;
  const sizeBase = size * Number(m.stepSize);
  const liq = sizeBase === 0 ? '0' : Math.max(0, p.steps > 0 ? mark - equity / sizeBase : mark + equity / sizeBase).toFixed(m.priceDecimals);
  return {
    market_id: m.marketIndex,
    symbol: m.symbol,
    initial_margin_fraction: (100 / lev).toFixed(2),
    open_order_count: account.openOrders(m.symbol).length,
    pending_order_count: 0,
    position_tied_order_count: 0,
    sign: p.steps > 0 ? 1 : p.steps < 0 ? -1 : 0,
    position: sz(m, size),
    avg_entry_price: p.entryPrice.toFixed(m.priceDecimals),
    position_value: (sizeBase * mark).toFixed(6),
    unrealized_pnl: upnl.toFixed(6),
    realized_pnl: (p.realizedMicro / 1e6).toFixed(6),
    liquidation_price: liq,
    total_funding_paid_out: (-account.fundingPayments.filter((x) => x.symbol === m.symbol).reduce((s, x) => s + x.changeMicro, 0) / 1e6).toFixed(6),
    margin_mode: 0,
    margin_set_flag: 0,
    allocated_margin: '0.000000',
    total_discount: '0',
  };
}

export function renderFunding(m: SimMarket, p: SimFundingPayment): Record<string, unknown> {
  return {
    timestamp: Math.floor(p.timeMs / 1000),
    market_id: m.marketIndex,
    funding_id: p.id,
    change: (p.changeMicro / 1e6).toFixed(6),
    // Percent per hour, the unit of every Lighter funding field (venues.md §7.4).
    rate: (Math.abs(p.hourlyRate) * 100).toFixed(8),
    position_size: Math.abs(p.positionSize).toFixed(m.sizeDecimals),
    position_side: p.positionSize >= 0 ? 'long' : 'short',
    discount: '0',
  };
}
