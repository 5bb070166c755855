// The trading-state rule: an automatic guard only tightens (ACTIVE → REDUCING → HALTED), the
// trader moves either way.
import { describe, expect, it } from 'vitest';
import { decideTransition, stricterThan, type TradingStateRecord } from '../../../src-core/risk/trading-state';
import type { TradingState } from '../../../src-core/domain/venue';

const at = (state: TradingState): TradingStateRecord => ({ state, reason: 'before', changedAtMs: 1 });

describe('decideTransition', () => {
  it.each([
    ['ACTIVE', 'REDUCING', 'change'],
    ['ACTIVE', 'HALTED', 'change'],
    ['REDUCING', 'HALTED', 'change'],
    ['REDUCING', 'REDUCING', 'unchanged'],
    ['REDUCING', 'ACTIVE', 'unchanged'],
    ['HALTED', 'REDUCING', 'unchanged'],
    ['HALTED', 'ACTIVE', 'unchanged'],
    ['HALTED', 'HALTED', 'unchanged'],
    ['ACTIVE', 'ACTIVE', 'unchanged'],
  ] as const)('automatic %s → %s: %s', (from, to, kind) => {
    const d = decideTransition(at(from), { state: to, reason: 'tripwire', source: 'automatic', atMs: 5 });
    expect(d.kind).toBe(kind);
    if (d.kind === 'change') expect(d.next).toEqual({ state: to, reason: 'tripwire', changedAtMs: 5 });
    else expect(d.why).toContain(`already ${from}`);
  });

  it.each([
    ['HALTED', 'ACTIVE'],
    ['REDUCING', 'ACTIVE'],
    ['HALTED', 'REDUCING'],
    ['ACTIVE', 'HALTED'],
    ['REDUCING', 'REDUCING'],
  ] as const)('the trader moves %s → %s', (from, to) => {
    expect(decideTransition(at(from), { state: to, reason: 'tray: resume', source: 'trader', atMs: 9 })).toEqual({ kind: 'change', next: { state: to, reason: 'tray: resume', changedAtMs: 9 } });
  });

  it.each([
    ['ACTIVE', 'REDUCING', 'change'],
    ['REDUCING', 'HALTED', 'change'],
    ['HALTED', 'ACTIVE', 'unchanged'],
    ['REDUCING', 'ACTIVE', 'unchanged'],
    ['REDUCING', 'REDUCING', 'unchanged'],
  ] as const)('a breaker is an automatic guard: %s → %s: %s', (from, to, kind) => {
    expect(decideTransition(at(from), { state: to, reason: 'breaker:drawdown: fell', source: 'breaker:drawdown', atMs: 5 }).kind).toBe(kind);
  });

  it('orders the states by strictness', () => {
    expect(stricterThan('HALTED', 'REDUCING')).toBe(true);
    expect(stricterThan('REDUCING', 'ACTIVE')).toBe(true);
    expect(stricterThan('ACTIVE', 'REDUCING')).toBe(false);
    expect(stricterThan('REDUCING', 'REDUCING')).toBe(false);
  });
});
