// Lighter wire mappers: every order status the spec lists maps to a port status and end reason,
// sendTx codes map to normalised reasons, and money stays exact (micro-USDC fees, signed sizes).
import { describe, expect, it } from 'vitest';
import { ORDER_END_REASONS } from '../../../src-core/venues/port';
import { microToUsd, signedSize, toFill, toFundingPayment } from '../../../src-core/venues/lighter/wire/account';
import { orderStatusOf, rejectReasonOf } from '../../../src-core/venues/lighter/wire/reasons';

// definitions.Order.status in zklighter-perps 1.0.272's openapi.json.
const SPEC_STATUSES = ['in-progress', 'pending', 'open', 'filled', 'canceled', 'canceled-post-only', 'canceled-reduce-only', 'canceled-position-not-allowed', 'canceled-margin-not-allowed', 'canceled-too-much-slippage', 'canceled-not-enough-liquidity', 'canceled-self-trade', 'canceled-expired', 'canceled-oco', 'canceled-child', 'canceled-liquidation', 'canceled-invalid-balance'];

describe('Lighter order statuses', () => {
  it('maps every status of the spec; terminal ones carry an end reason', () => {
    for (const status of SPEC_STATUSES) {
      const r = orderStatusOf({ status, timeInForce: 'good-till-time', filledPositive: false });
      if (status.startsWith('canceled') || status === 'filled') expect(ORDER_END_REASONS).toContain(r.endReason);
      else expect(r.endReason).toBeNull();
      // Only 'open' is open: an unknown or in-flight status is never presented as resting.
      if (status !== 'open') expect(r.status).not.toBe('open');
    }
    expect(orderStatusOf({ status: 'in-progress', timeInForce: undefined, filledPositive: false }).status).toBe('pending');
  });
  it('names the reasons the core acts on', () => {
    const end = (status: string, tif = 'good-till-time') => orderStatusOf({ status, timeInForce: tif, filledPositive: false }).endReason;
    expect(end('canceled-post-only')).toBe('post-only-would-cross');
    expect(end('canceled-reduce-only')).toBe('reduce-only');
    expect(end('canceled-expired')).toBe('expired');
    expect(orderStatusOf({ status: 'canceled-expired', timeInForce: undefined, filledPositive: false }).status).toBe('expired');
    expect(end('canceled-self-trade')).toBe('self-trade');
    expect(end('canceled-margin-not-allowed')).toBe('insufficient-margin');
    expect(end('canceled')).toBe('canceled-by-us');
    expect(end('canceled-by-user')).toBe('canceled-by-us');
    expect(end('canceled', 'immediate-or-cancel')).toBe('ioc-unfilled');
    expect(end('canceled-liquidation')).toBe('liquidation');
    expect(end('canceled-something-new')).toBe('other');
  });
  it('an open order with a fill is partially-filled (Lighter has no such status)', () => {
    expect(orderStatusOf({ status: 'open', timeInForce: 'good-till-time', filledPositive: true }).status).toBe('partially-filled');
  });
});

describe('Lighter sendTx refusals', () => {
  it('maps codes and messages to normalised reasons', () => {
    expect(rejectReasonOf('21104', 'invalid nonce: expected 3, got 2', 400)).toBe('invalid-nonce');
    expect(rejectReasonOf('99999', 'Invalid Nonce', 400)).toBe('invalid-nonce');
    expect(rejectReasonOf('21706', 'invalid base or quote amount', 400)).toBe('below-minimum');
    expect(rejectReasonOf('21728', 'client order index exists', 400)).toBe('duplicate-client-id');
    expect(rejectReasonOf('21732', 'reduce only increases position', 400)).toBe('reduce-only');
    expect(rejectReasonOf('21734', 'limit price too far', 400)).toBe('price-band');
    expect(rejectReasonOf('21739', 'not enough margin', 400)).toBe('insufficient-margin');
    expect(rejectReasonOf('23000', 'Too Many Requests', 429)).toBe('rate-limited');
    expect(rejectReasonOf(null, 'HTTP 401', 401)).toBe('no-credentials');
    expect(rejectReasonOf('12345', '?', 400)).toBe('other');
  });
});

describe('Lighter money', () => {
  it('micro-USDC fees become exact decimal strings', () => {
    expect(microToUsd(1234)).toBe('0.001234');
    expect(microToUsd(0)).toBe('0.000000');
    expect(microToUsd(-5)).toBe('-0.000005');
    expect(microToUsd(123_456_789_012)).toBe('123456.789012');
    expect(() => microToUsd(1.5)).toThrow();
  });
  it('unsigned position plus sign becomes a signed exact size', () => {
    expect(signedSize('1.2500', -1)).toBe('-1.2500');
    expect(signedSize('1.2500', 1)).toBe('1.2500');
    expect(signedSize('0.0000', -1)).toBe('0');
  });
  it('a fill takes the fee of our side; an omitted fee is zero', () => {
    const t = { trade_id: 1, market_id: 0, size: '0.10', price: '3000.00', ask_id: 5, bid_id: 6, ask_account_id: 9, bid_account_id: 7, ask_client_id: 11, bid_client_id: 12, is_maker_ask: true, timestamp: 1_700_000_000_000, taker_fee: 84 };
    expect(toFill(t, 'ETH', 7)).toMatchObject({ side: 'buy', isMaker: false, feeUsd: '0.000084', clientOrderId: '12' });
    expect(toFill(t, 'ETH', 9)).toMatchObject({ side: 'sell', isMaker: true, feeUsd: '0.000000', clientOrderId: '11' });
  });
  it('funding cash is passed through exactly, with a signed rate', () => {
    const p = toFundingPayment({ timestamp: 1_700_000_000, market_id: 0, funding_id: 3, change: '-0.123456', rate: '0.0012', position_size: '2.00', position_side: 'long' }, 'ETH');
    expect(p).toMatchObject({ cashUsd: '-0.123456', positionSize: '2.00', venuePaymentId: '3', settlementTimeMs: 1_700_000_000_000 });
    expect(p.hourlyRate).toBeCloseTo(0.000012, 12);
  });
});
