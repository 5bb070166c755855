// Lighter refusals and order endings (src-core/venues/lighter/wire/reasons.ts): every sendTx code
// venues.md §1.8 lists maps to its normalised reason, the HTTP status and the nonce text decide
// where no code does, and every order status of the spec (definitions.Order.status) maps to a port
// status and end reason, with and without a fill.
import { describe, expect, it } from 'vitest';
import { orderStatusOf, rejectReasonOf } from '../../../src-core/venues/lighter/wire/reasons';

describe('Lighter sendTx codes', () => {
  it('every documented code maps to its reason', () => {
    const table: [number, string][] = [
      [21104, 'invalid-nonce'],
      [21501, 'other'],
      [21505, 'unsupported'],
      [21506, 'rate-limited'],
      [21507, 'insufficient-margin'],
      [21508, 'insufficient-margin'],
      [21511, 'unsupported'],
      [21600, 'unknown-order'],
      [21602, 'unsupported'],
      [21603, 'below-minimum'],
      [21605, 'market-closed'],
      [21613, 'other'],
      [21614, 'other'],
      [21700, 'unknown-order'],
      [21701, 'off-grid'],
      [21702, 'off-grid'],
      [21706, 'below-minimum'],
      [21707, 'unknown-order'],
      [21709, 'unknown-order'],
      [21711, 'other'],
      [21712, 'other'],
      [21715, 'unknown-order'],
      [21717, 'other'],
      [21718, 'other'],
      [21727, 'duplicate-client-id'],
      [21728, 'duplicate-client-id'],
      [21732, 'reduce-only'],
      [21738, 'reduce-only'],
      [21733, 'price-band'],
      [21734, 'price-band'],
      [21735, 'price-band'],
      [21739, 'insufficient-margin'],
      [23000, 'rate-limited'],
      [29500, 'other'],
      [29501, 'other'],
    ];
    for (const [code, want] of table) expect(rejectReasonOf(String(code), 'refused', 400), String(code)).toBe(want);
  });
  it('a mapped code wins over an auth status; the nonce text wins over any code', () => {
    expect(rejectReasonOf('21706', 'refused', 401)).toBe('below-minimum');
    expect(rejectReasonOf('21739', 'refused', 403)).toBe('insufficient-margin');
    expect(rejectReasonOf('21706', 'invalid nonce', 400)).toBe('invalid-nonce');
    expect(rejectReasonOf('21706', 'tx failed: Invalid Nonce (expected 4)', 400)).toBe('invalid-nonce');
    expect(rejectReasonOf(null, 'INVALID NONCE', 401)).toBe('invalid-nonce');
    expect(rejectReasonOf('21706', 'nonce', 400)).toBe('below-minimum');
  });
  it('HTTP 429 is a rate limit whatever the code says', () => {
    expect(rejectReasonOf('21706', 'Too Many Requests', 429)).toBe('rate-limited');
    expect(rejectReasonOf(null, '', 429)).toBe('rate-limited');
  });
  it('without a mapped code: 401 and 403 are missing credentials, anything else is other', () => {
    expect(rejectReasonOf(null, 'HTTP 401', 401)).toBe('no-credentials');
    expect(rejectReasonOf(null, 'HTTP 403', 403)).toBe('no-credentials');
    expect(rejectReasonOf('99999', 'forbidden', 403)).toBe('no-credentials');
    expect(rejectReasonOf(null, 'HTTP 400', 400)).toBe('other');
    expect(rejectReasonOf(null, 'HTTP 404', 404)).toBe('other');
    expect(rejectReasonOf(null, 'HTTP 500', 500)).toBe('other');
    expect(rejectReasonOf('abc', 'x', 400)).toBe('other');
    expect(rejectReasonOf('0', 'x', 400)).toBe('other');
  });
});

describe('Lighter order statuses, every one of the spec', () => {
  const of = (status: string, filledPositive = false, timeInForce: string | undefined = 'good-till-time') => orderStatusOf({ status, timeInForce, filledPositive });

  it('live statuses: open (partially-filled with a fill), in-flight ones pending', () => {
    expect(of('open')).toEqual({ status: 'open', endReason: null });
    expect(of('open', true)).toEqual({ status: 'partially-filled', endReason: null });
    expect(of('in-progress')).toEqual({ status: 'pending', endReason: null });
    expect(of('pending', true)).toEqual({ status: 'pending', endReason: null });
    expect(of('brand-new-status')).toEqual({ status: 'pending', endReason: null });
    // Only the exact words count: a status that merely ends in "canceled" or "open" is not one.
    expect(of('not-canceled')).toEqual({ status: 'pending', endReason: null });
    expect(of('reopen')).toEqual({ status: 'pending', endReason: null });
  });
  it('filled, with or without the fill flag', () => {
    expect(of('filled')).toEqual({ status: 'filled', endReason: 'filled' });
    expect(of('filled', true)).toEqual({ status: 'filled', endReason: 'filled' });
  });
  it('every canceled-* status is canceled with its reason, expiry is expired', () => {
    const table: [string, string][] = [
      ['canceled', 'canceled-by-us'],
      ['canceled-by-user', 'canceled-by-us'],
      ['canceled-post-only', 'post-only-would-cross'],
      ['canceled-reduce-only', 'reduce-only'],
      ['canceled-position-not-allowed', 'reduce-only'],
      ['canceled-margin-not-allowed', 'insufficient-margin'],
      ['canceled-invalid-balance', 'insufficient-margin'],
      ['canceled-too-much-slippage', 'price-band'],
      ['canceled-not-enough-liquidity', 'ioc-unfilled'],
      ['canceled-self-trade', 'self-trade'],
      ['canceled-oco', 'replaced'],
      ['canceled-child', 'other'],
      ['canceled-liquidation', 'liquidation'],
      ['canceled-unheard-of', 'other'],
    ];
    for (const [status, endReason] of table) {
      expect(of(status), status).toEqual({ status: 'canceled', endReason });
      expect(of(status, true), `${status} after a fill`).toEqual({ status: 'canceled', endReason });
    }
    expect(of('canceled-expired')).toEqual({ status: 'expired', endReason: 'expired' });
    expect(of('canceled-expired', true, 'immediate-or-cancel')).toEqual({ status: 'expired', endReason: 'expired' });
  });
  it('a plain cancel of an IOC is its unfilled rest; of anything else it is ours', () => {
    expect(of('canceled', false, 'immediate-or-cancel')).toEqual({ status: 'canceled', endReason: 'ioc-unfilled' });
    expect(of('canceled', true, 'immediate-or-cancel')).toEqual({ status: 'canceled', endReason: 'ioc-unfilled' });
    expect(of('canceled', false, 'post-only')).toEqual({ status: 'canceled', endReason: 'canceled-by-us' });
    expect(of('canceled', false, undefined)).toEqual({ status: 'canceled', endReason: 'canceled-by-us' });
    // A specific status keeps its own reason even on an IOC.
    expect(of('canceled-post-only', false, 'immediate-or-cancel')).toEqual({ status: 'canceled', endReason: 'post-only-would-cross' });
    expect(of('canceled-self-trade', false, 'immediate-or-cancel')).toEqual({ status: 'canceled', endReason: 'self-trade' });
  });
});
