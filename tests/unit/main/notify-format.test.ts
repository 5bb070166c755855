// The tray notification of a fill of ours (`fills.new`): side, exact size, symbol, venue, exact
// price, role and fee, from a pure formatter.
import { describe, expect, it } from 'vitest';
import { fillNotification, groupThousands, type FillNotice } from '../../../main/notify-format';
import { contract } from '../../../src-core/api/contract';
import type { Fill } from '../../../src-core/venues/port';

const fill = {
  venue: 'lighter',
  venueFillId: 'f-1',
  symbol: 'ETH',
  side: 'buy',
  size: '0.500',
  price: '3311.20',
  feeUsd: '0.0331',
  isMaker: true,
  pairSeq: 7,
  leg: 0,
  timeMs: 1,
} as const;

describe('fill notification text', () => {
  it('formats a valid fills.new payload: venue, side, exact size and price, role, fee, pair', () => {
    expect(contract.events['fills.new'].safeParse(fill).success).toBe(true);
    expect(fillNotification(fill)).toEqual({ title: 'ETH buy filled on Lighter (pair 7)', body: 'Bought 0.500 ETH on Lighter @ 3,311.20 (maker, fee $0.03)' });
  });

  it('handles sells, takers, tiny fees and rebates', () => {
    expect(fillNotification({ ...fill, side: 'sell', venue: 'extended', isMaker: false, feeUsd: '0.001' })).toEqual({
      title: 'ETH sell filled on Extended (pair 7)',
      body: 'Sold 0.500 ETH on Extended @ 3,311.20 (taker, fee <$0.01)',
    });
    expect(fillNotification({ ...fill, feeUsd: '-0.02' }).body).toBe('Bought 0.500 ETH on Lighter @ 3,311.20 (maker, fee $0.02 rebate)');
    expect(fillNotification({ ...fill, feeUsd: '0.005' }).body).toContain('fee $0.01)');
    expect(fillNotification({ ...fill, feeUsd: '0.0049' }).body).toContain('fee <$0.01)');
    expect(fillNotification({ ...fill, feeUsd: '0' }).body).toContain('fee <$0.01)');
  });

  it('names pair 0 (a pair number is never tested for truthiness)', () => {
    expect(fillNotification({ ...fill, pairSeq: 0 }).title).toBe('ETH buy filled on Lighter (pair 0)');
  });

  it('keeps every digit of a price a float would round', () => {
    expect(fillNotification({ ...fill, symbol: 'BTC', size: '0.00001', price: '123456789.123456789123' }).body).toBe(
      'Bought 0.00001 BTC on Lighter @ 123,456,789.123456789123 (maker, fee $0.03)',
    );
  });

  it('accepts a venue port Fill with its pair number', () => {
    const portFill: Fill = { venue: 'extended', symbol: 'SOL', venueFillId: '1', venueOrderId: '2', clientOrderId: '3', side: 'sell', size: '12', price: '150.5', feeUsd: '0.9', isMaker: false, timeMs: 1 };
    const notice: FillNotice = { ...portFill, pairSeq: 3 };
    expect(fillNotification(notice).body).toBe('Sold 12 SOL on Extended @ 150.5 (taker, fee $0.90)');
  });
});

describe('groupThousands', () => {
  it('groups the integer part only, exactly', () => {
    expect(groupThousands('0')).toBe('0');
    expect(groupThousands('999')).toBe('999');
    expect(groupThousands('1000')).toBe('1,000');
    expect(groupThousands('100000')).toBe('100,000');
    expect(groupThousands('1234567.0001')).toBe('1,234,567.0001');
    expect(groupThousands('0.123456')).toBe('0.123456');
    expect(groupThousands('-1234.5')).toBe('-1,234.5');
    expect(groupThousands('+1234')).toBe('1,234');
  });
  it('leaves a string that is not a plain decimal as it is', () => {
    expect(groupThousands('1e5')).toBe('1e5');
    expect(groupThousands('')).toBe('');
  });
});
