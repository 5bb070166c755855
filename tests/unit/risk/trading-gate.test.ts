// The trading gate, every trading state × order effect × reconciled × blocking conditions, then
// each refusal's wording. A hedge counts as exposure-reducing (the pair's net delta goes to zero):
// allowed in REDUCING and under a blocking condition on either venue; HALTED still refuses it.
import { describe, expect, it } from 'vitest';
import { checkOrder, describeConditions, type GateRefusal, type GateState, type OrderEffect } from '../../../src-core/risk/trading-gate';
import type { BlockingCondition } from '../../../src-core/risk/breakers/types';
import { RiskInputError } from '../../../src-core/risk/risk-error';
import type { TradingState } from '../../../src-core/domain/venue';

const down: BlockingCondition = { source: 'venue-down', key: 'venue-down:lighter:rest', venue: 'lighter', reason: 'lighter REST API down for 31 s', sinceMs: 1 };
const saturated: BlockingCondition = { source: 'rate-limit', key: 'rate-limit:extended', venue: 'extended', reason: 'extended rate limit 95 % used', sinceMs: 2 };

type Outcome = 'ok' | GateRefusal;
// [state, reconciled, conditions?, open, hedge, reduce, cancel]
const TABLE: readonly (readonly [TradingState, boolean, boolean, Outcome, Outcome, Outcome, Outcome])[] = [
  ['ACTIVE', true, false, 'ok', 'ok', 'ok', 'ok'],
  ['ACTIVE', true, true, 'blocked', 'ok', 'ok', 'ok'],
  ['ACTIVE', false, false, 'not-reconciled', 'not-reconciled', 'not-reconciled', 'ok'],
  ['ACTIVE', false, true, 'not-reconciled', 'not-reconciled', 'not-reconciled', 'ok'],
  ['REDUCING', true, false, 'reducing', 'ok', 'ok', 'ok'],
  ['REDUCING', true, true, 'reducing', 'ok', 'ok', 'ok'],
  ['REDUCING', false, false, 'not-reconciled', 'not-reconciled', 'not-reconciled', 'ok'],
  ['REDUCING', false, true, 'not-reconciled', 'not-reconciled', 'not-reconciled', 'ok'],
  ['HALTED', true, false, 'halted', 'halted', 'halted', 'ok'],
  ['HALTED', true, true, 'halted', 'halted', 'halted', 'ok'],
  ['HALTED', false, false, 'halted', 'halted', 'halted', 'ok'],
  ['HALTED', false, true, 'halted', 'halted', 'halted', 'ok'],
];
const EFFECTS: readonly OrderEffect[] = ['open', 'hedge', 'reduce', 'cancel'];

const rows = TABLE.flatMap(([state, reconciled, blocked, ...outcomes]) => EFFECTS.map((effect, i) => [state, reconciled, blocked, effect, outcomes[i]!] as const));

describe('checkOrder', () => {
  it('covers every combination once', () => expect(rows).toHaveLength(3 * 2 * 2 * 4));

  it.each(rows)('%s, reconciled %s, conditions %s: %s ⇒ %s', (state, reconciled, blocked, effect, outcome) => {
    const gate: GateState = { tradingState: state, reconciled, conditions: blocked ? [down] : [] };
    const v = checkOrder(gate, { effect, venue: 'extended', symbol: 'ETH' });
    if (outcome === 'ok') expect(v).toEqual({ allowed: true });
    else expect(v).toMatchObject({ allowed: false, reason: outcome });
  });

  it('lets the hedge through whichever venue a condition is on, the hedge venue included', () => {
    for (const venue of ['lighter', 'extended'] as const) {
      const gate: GateState = { tradingState: 'ACTIVE', reconciled: true, conditions: [{ ...down, venue, key: `venue-down:${venue}:rest` }] };
      expect(checkOrder(gate, { effect: 'hedge', venue, symbol: 'ETH' })).toEqual({ allowed: true });
      expect(checkOrder(gate, { effect: 'hedge', venue: venue === 'lighter' ? 'extended' : 'lighter', symbol: 'ETH' })).toEqual({ allowed: true });
      expect(checkOrder(gate, { effect: 'open', venue, symbol: 'ETH' }).allowed).toBe(false);
    }
  });

  it('says what was refused and why', () => {
    const order = { effect: 'open' as const, venue: 'lighter' as const, symbol: 'BTC' };
    expect(checkOrder({ tradingState: 'HALTED', reconciled: true, conditions: [] }, order)).toEqual({
      allowed: false,
      reason: 'halted',
      detail: 'open order on lighter BTC refused: trading is HALTED (cancels only)',
    });
    expect(checkOrder({ tradingState: 'ACTIVE', reconciled: false, conditions: [] }, { ...order, effect: 'reduce' })).toEqual({
      allowed: false,
      reason: 'not-reconciled',
      detail: 'reduce order on lighter BTC refused: the venues have not been read back since start (cancels only)',
    });
    expect(checkOrder({ tradingState: 'REDUCING', reconciled: true, conditions: [] }, order)).toEqual({
      allowed: false,
      reason: 'reducing',
      detail: 'open order on lighter BTC refused: trading is REDUCING (exposure-reducing orders only)',
    });
    expect(checkOrder({ tradingState: 'ACTIVE', reconciled: true, conditions: [down, saturated] }, order)).toEqual({
      allowed: false,
      reason: 'blocked',
      detail: 'open order on lighter BTC refused while lighter REST API down for 31 s; extended rate limit 95 % used',
    });
  });

  it('joins condition reasons in order', () => {
    expect(describeConditions([])).toBe('');
    expect(describeConditions([saturated, down])).toBe('extended rate limit 95 % used; lighter REST API down for 31 s');
  });

  it('refuses an unknown effect with a typed error', () => {
    const gate: GateState = { tradingState: 'ACTIVE', reconciled: true, conditions: [] };
    const call = () => checkOrder(gate, { effect: 'increase' as OrderEffect, venue: 'lighter', symbol: 'ETH' });
    expect(call).toThrow(RiskInputError);
    expect(call).toThrow(expect.objectContaining({ code: 'bad-effect', message: 'unknown order effect "increase"' }));
  });
});
