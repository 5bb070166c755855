// One account's funding payment at a settlement: longs pay shorts when the rate is positive, so
// cash = −size × mark × rate, booked in integer micro-USD. `scale` is the payment-unit fault
// (faults/: the cash can be made inconsistent with the published rate); 1 normally.
import type { SimMarket } from '../universe/universe';
import { MICRO, type SimAccount } from './accounts';
import type { SimFundingPayment } from './types';

export function payFunding(account: SimAccount, m: SimMarket, hourlyRate: number, mark: number, scale: number, timeMs: number, nextId: () => number): SimFundingPayment | null {
  const pos = account.positions.get(m.symbol);
  if (pos === undefined || pos.steps === 0) return null;
  const size = pos.steps * Number(m.stepSize);
  const changeMicro = -Math.round(size * mark * hourlyRate * scale * MICRO);
  account.collateralMicro += changeMicro;
  const payment: SimFundingPayment = { id: nextId(), venue: account.venue, accountId: account.id, symbol: m.symbol, timeMs, hourlyRate, positionSize: size, markPrice: mark, changeMicro };
  account.fundingPayments.push(payment);
  return payment;
}
