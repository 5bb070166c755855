// A channel down for venueDownMs or longer blocks entries, cleared the moment it is up.
import { describe, expect, it } from 'vitest';
import { streamIsUp, VenueDownWatch } from '../../../../src-core/risk/breakers/venue-down';
import { RiskInputError } from '../../../../src-core/risk/risk-error';
import { riskDefaults } from '../../../../src-core/config/risk';
import { STREAM_STATES } from '../../../../src-core/domain/enums';

describe('VenueDownWatch (venueDownMs 30 s)', () => {
  it.each([
    [29_999, false],
    [30_000, true],
    [30_001, true],
  ])('down for %i ms ⇒ blocking %s', (ms, blocking) => {
    const w = new VenueDownWatch(riskDefaults);
    w.observe('lighter', 'rest', false, 1_000);
    expect(w.conditions(1_000 + ms).length).toBe(blocking ? 1 : 0);
  });

  it('keeps the first down time across repeats and says how long', () => {
    const w = new VenueDownWatch(riskDefaults);
    w.observe('extended', 'private-stream', false, 1_000);
    w.observe('extended', 'private-stream', false, 20_000);
    expect(w.conditions(41_500)).toEqual([{ key: 'venue-down:extended:private-stream', venue: 'extended', sinceMs: 1_000, reason: 'extended private stream down for 40 s' }]);
  });

  it('clears when back up, and a new outage starts its own clock', () => {
    const w = new VenueDownWatch(riskDefaults);
    w.observe('lighter', 'rest', false, 0);
    expect(w.conditions(40_000)).toHaveLength(1);
    w.observe('lighter', 'rest', true, 40_000);
    expect(w.conditions(40_000)).toEqual([]);
    w.observe('lighter', 'rest', false, 50_000);
    expect(w.conditions(79_999)).toEqual([]);
    expect(w.conditions(80_000)).toEqual([{ key: 'venue-down:lighter:rest', venue: 'lighter', sinceMs: 50_000, reason: 'lighter REST API down for 30 s' }]);
  });

  it('tracks each venue and channel apart', () => {
    const w = new VenueDownWatch(riskDefaults);
    w.observe('lighter', 'rest', false, 0);
    w.observe('lighter', 'private-stream', false, 0);
    w.observe('extended', 'rest', true, 0);
    w.observe('lighter', 'rest', true, 10);
    expect(w.conditions(60_000).map((c) => c.key)).toEqual(['venue-down:lighter:private-stream']);
  });

  it('an up report for a channel never down is a no-op', () => {
    const w = new VenueDownWatch(riskDefaults);
    w.observe('lighter', 'rest', true, 0);
    expect(w.conditions(1e9)).toEqual([]);
  });

  it('a time that is not finite is a typed error and changes nothing', () => {
    const w = new VenueDownWatch(riskDefaults);
    expect(() => w.observe('lighter', 'rest', false, Number.NaN)).toThrow(new RiskInputError('bad-number', 'observation time is not finite: NaN'));
    expect(w.conditions(1e9)).toEqual([]);
  });

  it('only an open stream is up', () => {
    expect(STREAM_STATES.filter(streamIsUp)).toEqual(['open']);
  });
});
