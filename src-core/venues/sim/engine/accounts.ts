// Accounts per venue: collateral in integer micro-USD (so funding and fee cash is exact to the
// last unit), positions in integer steps, orders, fills and funding payments.
import type { VenueId } from '../../../domain/venue';
import type { SimFill, SimFundingPayment, SimOrder, SimPosition } from './types';

export const MICRO = 1_000_000;

export class SimAccount {
  readonly positions = new Map<string, SimPosition>();
  readonly leverage = new Map<string, number>();
  readonly orders = new Map<number, SimOrder>();
  readonly fills: SimFill[] = [];
  readonly fundingPayments: SimFundingPayment[] = [];

  constructor(
    readonly venue: VenueId,
    readonly id: string,
    public collateralMicro: number,
    readonly tier: 'standard' | 'premium' = 'premium',
  ) {}

  position(symbol: string): SimPosition {
    let p = this.positions.get(symbol);
    if (p === undefined) {
      p = { steps: 0, entryPrice: 0, realizedMicro: 0 };
      this.positions.set(symbol, p);
    }
    return p;
  }

  leverageOf(symbol: string, maxLeverage: number): number {
    return Math.min(this.leverage.get(symbol) ?? Math.min(3, maxLeverage), maxLeverage);
  }

  openOrders(symbol?: string): SimOrder[] {
    return [...this.orders.values()].filter((o) => o.status === 'open' && (symbol === undefined || o.symbol === symbol));
  }

  findByClientId(clientId: string): SimOrder | undefined {
    let found: SimOrder | undefined;
    for (const o of this.orders.values()) if (o.clientId === clientId && (found === undefined || o.createdMs >= found.createdMs)) found = o;
    return found;
  }
}

/** Applies a fill to a position; returns the realised PnL in micro-USD. */
export function applyFill(pos: SimPosition, isBuy: boolean, steps: number, price: number, step: number): number {
  const delta = isBuy ? steps : -steps;
  if (pos.steps === 0 || Math.sign(pos.steps) === Math.sign(delta)) {
    const total = pos.steps + delta;
    pos.entryPrice = (Math.abs(pos.steps) * pos.entryPrice + steps * price) / Math.abs(total);
    pos.steps = total;
    return 0;
  }
  const closing = Math.min(Math.abs(pos.steps), steps);
  const direction = Math.sign(pos.steps);
  const realized = Math.round((price - pos.entryPrice) * closing * step * direction * MICRO);
  pos.realizedMicro += realized;
  const remaining = pos.steps + delta;
  if (remaining !== 0 && Math.sign(remaining) !== direction) pos.entryPrice = price;
  if (remaining === 0) pos.entryPrice = 0;
  pos.steps = remaining;
  return realized;
}
