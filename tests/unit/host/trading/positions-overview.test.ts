// The Positions overview's own judgments, over hand-made inputs: a venue position nobody has read
// is an unknown delta (null), never a balanced 0; the break-even clock's states; the liquidation
// distance's sides; the nearest exit when min-hold holds a rule that fired; totals that stay
// unknown while a venue's balance is.
import { describe, expect, it } from 'vitest';
import type { ExitTable } from '../../../../src-core/api/channels/exits';
import { breakEven, liquidationDistance, nearestExit, positionsOverview, type PositionsInputs } from '../../../../src-core/host/trading/positions-overview';
import type { PairView } from '../../../../src-core/ledger/query-types';

const pair: PairView = {
  pairSeq: 0, symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended', state: 'open', targetSize: '1',
  legs: [], entryLongHourlyRate: -0.0002, entryShortHourlyRate: 0.0002, entryApy: null, createdAtMs: 0, openedAtMs: 1_000, closedAtMs: null, closeReason: null,
  pnl: { realizedPnlUsd: '0', fundingReceivedUsd: '0.3', fundingPaidUsd: '0.1', feesUsd: '0.5', netUsd: '-0.3' },
};

function inputs(over: Partial<PositionsInputs> = {}): PositionsInputs {
  return {
    pairs: [pair, { ...pair, pairSeq: 1, state: 'closed' }],
    legs: () => [],
    view: () => undefined,
    position: () => null,
    exits: () => null,
    balances: { lighter: { venue: 'lighter', collateralUsd: '10', equityUsd: '10.5', availableUsd: '9' }, extended: null },
    fundingSince: () => '0.2',
    nowMs: 1_000 + 3_600_000,
    ...over,
  };
}

describe('positions overview', () => {
  it('shows held pairs only, and an unread venue position as an unknown delta', () => {
    const o = positionsOverview(inputs());
    expect(o.rows.map((r) => r.pairSeq)).toEqual([0]);
    expect(o.rows[0]!.deltaBase).toBeNull();
    expect(o.rows[0]!.deltaUsd).toBeNull();
    expect(o.rows[0]!.fundingUsd).toBe('0.2');
    expect(o.rows[0]!.hoursHeld).toBe(1);
    expect(o.rows[0]!.entryNetApy).toBeCloseTo(0.0004 * 8_760, 12);
  });

  it('sums the live positions exactly when both venues are known', () => {
    const sizes: Record<string, string> = { lighter: '0.105', extended: '-0.1' };
    const o = positionsOverview(inputs({ position: (venue) => ({ size: sizes[venue]!, markPrice: 100, liquidationPrice: null }) }));
    expect(o.rows[0]!.deltaBase).toBe('0.005');
    expect(o.rows[0]!.deltaUsd).toBeCloseTo(0.5, 12);
  });

  it('keeps a total unknown while one venue is, and passes the exact ones through', () => {
    const t = positionsOverview(inputs()).totals;
    expect(t.equityUsd).toBeNull();
    expect(t.freeMarginUsd).toBeNull();
    expect(t.venues[0]).toMatchObject({ venue: 'lighter', equityUsd: '10.5', freeMarginUsd: '9' });
    expect(t.fundingTodayUsd).toBe('0.2');
  });

  it('states the break-even clock', () => {
    expect(breakEven(0.5, 0.6, 0.1).state).toBe('paid-back');
    expect(breakEven(0.5, 0.1, -0.01).state).toBe('never');
    expect(breakEven(0.5, 0.1, null).state).toBe('unknown');
    expect(breakEven(0.5, 0.1, 0.1)).toEqual({ state: 'earning', costUsd: 0.5, paidBackFraction: 0.2, hoursLeft: 4 });
    expect(breakEven(0.5, 0.1, 1e-9).hoursLeft).toBe(1_000);
  });

  it('measures the liquidation distance against each side', () => {
    expect(liquidationDistance('long', 100, 80)).toBeCloseTo(0.2, 12);
    expect(liquidationDistance('short', 100, 125)).toBeCloseTo(0.25, 12);
    expect(liquidationDistance('long', 100, null)).toBeNull();
  });

  it('names a rule that fired while min-hold holds the pair, before any unfired one', () => {
    const row = (rule: string, effect: string, fired: boolean, observed: number | null, threshold: number | null) => ({ rule, effect, fired, observed, threshold, unit: 'hours', why: `${rule} why` });
    const table = {
      pairSeq: 0, symbol: 'ETH', evaluatedAtMs: 0, rebalanceAdvised: false, ageHours: 1, currentNetHourlyRate: null, netPnlUsd: null,
      decision: { urgency: 'none', rule: 'min-hold', why: 'within the minimum hold' },
      rules: [row('early-edge', 'normal', false, 1.9, 2), row('min-hold', 'hold', true, 1, 48), row('funding-acceleration', 'normal', true, -7, -3)],
    } as unknown as ExitTable;
    expect(nearestExit(table)).toMatchObject({ rule: 'funding-acceleration', fired: true, held: true, why: 'funding-acceleration why (held: within the minimum hold)', distanceFraction: null });
    const calm = { ...table, decision: { urgency: 'none', rule: null, why: 'nothing fired' }, rules: [table.rules[0]!, row('max-hold', 'normal', false, 1, 240)] } as unknown as ExitTable;
    expect(nearestExit(calm)).toMatchObject({ rule: 'early-edge', fired: false, held: false });
    expect(nearestExit(calm)!.distanceFraction).toBeCloseTo(0.05, 12);
  });
});
