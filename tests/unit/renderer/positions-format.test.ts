// What the Positions screen prints: no "−$0.00" for a value that rounds to zero, an unknown as
// "—" (never $0.00), the break-even clock as ">999 h" or "never" when it cannot be reached, and
// the PnL series of a pair replayed at average cost with the funding and fees beside it.
import { describe, expect, it } from 'vitest';
import { baseSize, breakEvenText, liquidationText, money, signedMoney, untilText } from '../../../renderer/src/format/money';
import { pairTimeline, pnlSeries, type PairDetailData } from '../../../renderer/src/positions/pair-history';

describe('money formatting', () => {
  it('never shows a sign on a value that rounds to zero', () => {
    expect(money(-0.001)).toBe('$0.00');
    expect(money('-0.004')).toBe('$0.00');
    expect(signedMoney(-0.004)).toBe('$0.00');
    expect(signedMoney('-0.0158', 4)).toBe('−$0.0158');
    expect(signedMoney(0.1405, 4)).toBe('+$0.1405');
    expect(money(-1234.5)).toBe('−$1,234.50');
  });

  it('shows an unknown as a dash, never a zero', () => {
    expect(money(null)).toBe('—');
    expect(signedMoney(undefined)).toBe('—');
    expect(baseSize(null, 'ETH')).toBe('—');
    expect(liquidationText(null)).toBe('—');
  });

  it('keeps an exact size as the ledger wrote it, with its asset', () => {
    expect(baseSize('-0.105', 'ETH')).toBe('−0.105 ETH');
    expect(baseSize('0', 'BTC')).toBe('0 BTC');
  });

  it('caps what says nothing more: a far liquidation, a far break-even', () => {
    expect(liquidationText(284.7)).toBe('>999 %');
    expect(liquidationText(0.25)).toBe('25.0 %');
    expect(breakEvenText({ state: 'earning', costUsd: 1, paidBackFraction: 0.1, hoursLeft: 1000 }).main).toBe('>999 h');
    expect(breakEvenText({ state: 'earning', costUsd: 1, paidBackFraction: 0.5, hoursLeft: 2.25 })).toEqual({ main: '2.3 h left', sub: '50 % paid back' });
    expect(breakEvenText({ state: 'never', costUsd: 1, paidBackFraction: 0, hoursLeft: null }).main).toBe('never');
    expect(breakEvenText({ state: 'paid-back', costUsd: 1, paidBackFraction: 1.2, hoursLeft: null }).main).toBe('paid back');
  });

  it('counts down the next funding in mm:ss within the hour and h:mm:ss beyond', () => {
    expect(untilText(1_000 + 59 * 60_000 + 53_000, 1_000)).toBe('59:53');
    expect(untilText(7_000, 0)).toBe('00:07');
    expect(untilText(3_599_000, 0)).toBe('59:59');
    expect(untilText(3_600_000, 0)).toBe('1:00:00');
    expect(untilText(80 * 60_000 + 5_000, 0)).toBe('1:20:05');
    expect(untilText(10 * 3_600_000 + 9 * 60_000 + 1_000, 0)).toBe('10:09:01');
    // Rounded to the second: 499 ms left is due, 500 ms is one second.
    expect(untilText(499, 0)).toBe('now');
    expect(untilText(500, 0)).toBe('00:01');
    expect(untilText(0, 5_000)).toBe('now');
    expect(untilText(null, 0)).toBe('—');
  });
});

const pair: PairDetailData['pair'] = {
  pairSeq: 0, symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended', state: 'closed', targetSize: '1', legs: [],
  entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs: 0, openedAtMs: 10, closedAtMs: 300, closeReason: 'closed by the trader',
  pnl: { realizedPnlUsd: '0', fundingReceivedUsd: '0', fundingPaidUsd: '0', feesUsd: '0', netUsd: '0' },
};
const fill = (leg: 0 | 1, side: 'buy' | 'sell', size: string, price: string, feeUsd: string, timeMs: number) =>
  ({ venue: leg === 0 ? 'lighter' : 'extended', venueFillId: `f${timeMs}${leg}`, venueOrderId: 'o', clientOrderId: null, intentId: 1, leg, side, size, price, feeUsd, isMaker: false, timeMs }) as const;

describe('pair history', () => {
  const detail: PairDetailData = {
    pair,
    legs: [],
    orders: [],
    fills: [fill(0, 'buy', '1', '100', '0.05', 10), fill(1, 'sell', '1', '101', '0.05', 10), fill(0, 'sell', '1', '110', '0.05', 300), fill(1, 'buy', '1', '105', '0.05', 300)],
    funding: [{ venue: 'extended', leg: 1, venuePaymentId: 'p', settlementTimeMs: 100, cashUsd: '0.5', hourlyRate: 0.0002, positionSide: 'short', positionSize: '1', markPrice: 100 }],
  };

  it('replays the fills at average cost: long +10, short −4, funding and fees beside', () => {
    const last = pnlSeries(detail, null).at(-1)!;
    expect(last.priceUsd).toBeCloseTo(6, 9);
    expect(last.fundingUsd).toBeCloseTo(0.5, 9);
    expect(last.feesUsd).toBeCloseTo(-0.2, 9);
    expect(last.netUsd).toBeCloseTo(6.3, 9);
  });

  it('never puts the "now" point before the last fill or payment', () => {
    const s = pnlSeries({ ...detail, fills: detail.fills.slice(0, 2) }, { atMs: 50, pricePnlUsd: 1.5 });
    expect(s.at(-1)).toMatchObject({ atMs: 100, priceUsd: 1.5 });
    expect(s.map((p) => p.atMs)).toEqual([...s.map((p) => p.atMs)].sort((a, b) => a - b));
  });

  it('tells the story in time order, intent first and the close last', () => {
    const kinds = pairTimeline(detail).map((e) => e.kind);
    expect(kinds[0]).toBe('intent');
    expect(kinds.at(-1)).toBe('closed');
    expect(kinds.filter((k) => k === 'fill')).toHaveLength(4);
    expect(kinds.indexOf('funding')).toBeGreaterThan(kinds.indexOf('opened'));
  });
});
