// Margin as the simulated venues compute it: equity (collateral plus unrealized PnL at mark)
// minus the initial margin of positions and open orders at each market's leverage, in micro-USD.
import type { VenueId } from '../../../domain/venue';
import type { SimMarket } from '../universe/universe';
import { MICRO, type SimAccount } from './accounts';
import type { OrderRequest } from './types';

export interface MarketLookup {
  market(venue: VenueId, symbol: string): SimMarket | undefined;
  quote(venue: VenueId, symbol: string): { mark: number };
}

export function availableMicro(ctx: MarketLookup, account: SimAccount): number {
  let used = 0;
  let upnl = 0;
  for (const [symbol, p] of account.positions) {
    if (p.steps === 0) continue;
    const m = ctx.market(account.venue, symbol)!;
    const mark = ctx.quote(account.venue, symbol).mark;
    const size = p.steps * Number(m.stepSize);
    upnl += (mark - p.entryPrice) * size * MICRO;
    used += (Math.abs(size) * mark * MICRO) / account.leverageOf(symbol, m.maxLeverage);
  }
  for (const o of account.openOrders()) {
    const m = ctx.market(account.venue, o.symbol)!;
    used += (((o.sizeSteps - o.filledSteps) * Number(m.stepSize) * o.priceTicks * Number(m.tickSize)) / account.leverageOf(o.symbol, m.maxLeverage)) * MICRO;
  }
  return account.collateralMicro + upnl - used;
}

export function unrealizedMicro(ctx: MarketLookup, account: SimAccount, symbol: string): number {
  const p = account.positions.get(symbol);
  if (p === undefined || p.steps === 0) return 0;
  const m = ctx.market(account.venue, symbol)!;
  return Math.round((ctx.quote(account.venue, symbol).mark - p.entryPrice) * p.steps * Number(m.stepSize) * MICRO);
}

export function hasMargin(ctx: MarketLookup, account: SimAccount, m: SimMarket, req: OrderRequest, price: number): boolean {
  const lev = account.leverageOf(req.symbol, m.maxLeverage);
  const needMicro = ((req.sizeSteps * Number(m.stepSize) * price) / lev) * MICRO;
  return availableMicro(ctx, account) >= needMicro;
}
