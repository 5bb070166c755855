import { describe, expect, it } from 'vitest';
import { fillNotification } from '../../../main/notify-format';
import type { Fill } from '../../../src-core/venues/port';

const fill: Fill = { venue: 'lighter', symbol: 'ETH', venueFillId: '1', venueOrderId: '2', clientOrderId: 'p-1-a-1', side: 'buy', size: '0.500', price: '3311.20', feeUsd: '0.0331', isMaker: true, timeMs: 1 };

describe('fill notification text', () => {
  it('names the venue, side, exact size, price, role and fee', () => {
    expect(fillNotification(fill)).toEqual({ title: 'ETH buy filled on Lighter', body: 'Bought 0.500 ETH on Lighter @ 3,311.2 (maker, fee $0.03)' });
  });
  it('handles sells, tiny fees and rebates', () => {
    expect(fillNotification({ ...fill, side: 'sell', venue: 'extended', isMaker: false, feeUsd: '0.001' }).body).toBe('Sold 0.500 ETH on Extended @ 3,311.2 (taker, fee <$0.01)');
    expect(fillNotification({ ...fill, feeUsd: '-0.02' }).body).toContain('fee $0.02 rebate');
  });
});
