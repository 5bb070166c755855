// A failed close: one trip to REDUCING through the board's one transition rule (named after the
// breaker), one critical alarm per venue left open; a repeat changes nothing but the alarm count.
import { describe, expect, it } from 'vitest';
import { AlarmBoard } from '../../../../src-core/risk/alarms';
import { BreakerBoard } from '../../../../src-core/risk/breaker-board';
import { closeFailedAlarms, closeFailedTrip, closeFailureHook } from '../../../../src-core/risk/breakers/close-failed';
import { decideTransition, type TradingStateRecord } from '../../../../src-core/risk/trading-state';

const failure = { pairSeq: 3, symbol: 'ETH', venues: ['extended'] as const, reason: 'close ladder spent', atMs: 10 };

describe('close-failed', () => {
  it('trips to REDUCING with the pair, its open venues and why', () => {
    expect(closeFailedTrip(failure)).toEqual({ trip: { to: 'REDUCING', reason: 'pair 3 ETH: close failed with extended open: close ladder spent' } });
    expect(closeFailedAlarms({ ...failure, venues: ['lighter', 'extended'] }).map((a) => [a.kind, a.severity, a.venue])).toEqual([
      ['close-failed', 'critical', 'lighter'],
      ['close-failed', 'critical', 'extended'],
    ]);
  });

  it('the hook moves the trading state once and raises the alarm; HALTED stays HALTED', () => {
    let state: TradingStateRecord = { state: 'ACTIVE', reason: 'start', changedAtMs: 0 };
    const changes: TradingStateRecord[] = [];
    const board = new BreakerBoard({
      current: () => state,
      request: (r) => {
        const d = decideTransition(state, r);
        if (d.kind === 'unchanged') return null;
        state = d.next;
        changes.push(state);
        return state;
      },
    });
    const alarms = new AlarmBoard();
    const hook = closeFailureHook(board, alarms);
    hook(failure);
    hook(failure);
    expect(changes).toHaveLength(1);
    expect(state).toMatchObject({ state: 'REDUCING', reason: 'breaker:close-failed: pair 3 ETH: close failed with extended open: close ladder spent' });
    expect(alarms.list()).toMatchObject([{ kind: 'close-failed', venue: 'extended', symbol: 'ETH', count: 2 }]);
    state = { state: 'HALTED', reason: 'trader', changedAtMs: 11 };
    hook(failure);
    expect(state.state).toBe('HALTED');
  });
});
