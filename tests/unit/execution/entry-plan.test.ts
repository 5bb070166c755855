// The entry plan: maker and hedge legs, sides, and distinct attempt numbers per (leg, purpose).
import { describe, expect, it } from 'vitest';
import { AttemptCounter, EntryPlanError, opposite, planEntry } from '../../../src-core/execution/entry-plan';

describe('planEntry', () => {
  it('maker on the long venue buys; the hedge sells on the other venue', () => {
    expect(planEntry({ symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended' }, 'lighter')).toEqual({
      symbol: 'ETH',
      longVenue: 'lighter',
      shortVenue: 'extended',
      maker: { leg: 0, venue: 'lighter', side: 'buy' },
      hedge: { leg: 1, venue: 'extended', side: 'sell' },
    });
  });
  it('maker on the short venue sells; the hedge buys on the long venue', () => {
    const p = planEntry({ symbol: 'BTC', longVenue: 'extended', shortVenue: 'lighter' }, 'lighter');
    expect(p.maker).toEqual({ leg: 0, venue: 'lighter', side: 'sell' });
    expect(p.hedge).toEqual({ leg: 1, venue: 'extended', side: 'buy' });
    const q = planEntry({ symbol: 'BTC', longVenue: 'extended', shortVenue: 'lighter' }, 'extended');
    expect(q.maker).toEqual({ leg: 0, venue: 'extended', side: 'buy' });
    expect(q.hedge).toEqual({ leg: 1, venue: 'lighter', side: 'sell' });
  });
  it('refuses a pair on one venue with a typed error', () => {
    expect(() => planEntry({ symbol: 'ETH', longVenue: 'lighter', shortVenue: 'lighter' }, 'lighter')).toThrow(EntryPlanError);
    expect(() => planEntry({ symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended' }, 'bogus' as never)).toThrow(EntryPlanError);
    expect(() => planEntry({ symbol: 'ETH', longVenue: 'lighter', shortVenue: 'lighter' }, 'lighter')).toThrow('long and short are both on lighter');
    expect(() => planEntry({ symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended' }, 'bogus' as never)).toThrow('maker venue bogus is not a venue of the pair');
    expect(new EntryPlanError('x').name).toBe('EntryPlanError');
  });
  it('opposite flips a side', () => {
    expect(opposite('buy')).toBe('sell');
    expect(opposite('sell')).toBe('buy');
  });
});

describe('AttemptCounter', () => {
  it('counts each (leg, purpose) on its own from 0', () => {
    const c = new AttemptCounter();
    expect(c.take(0, 'entry')).toBe(0);
    expect(c.take(0, 'entry')).toBe(1);
    expect(c.take(1, 'hedge')).toBe(0);
    expect(c.take(0, 'rollback')).toBe(0);
    expect(c.take(1, 'entry')).toBe(0);
    expect(c.used(0, 'entry')).toBe(2);
    expect(c.used(1, 'rollback')).toBe(0);
  });
  it('stops at 255 and never wraps around', () => {
    const c = new AttemptCounter();
    for (let i = 0; i <= 255; i += 1) expect(c.take(1, 'hedge')).toBe(i);
    expect(c.take(1, 'hedge')).toBeNull();
    expect(c.take(1, 'hedge')).toBeNull();
    expect(c.used(1, 'hedge')).toBe(256);
  });
});
