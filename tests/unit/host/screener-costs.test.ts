// The screener row's entry cost is the one the EV counts (fees plus the entry spread, a negative
// spread not taken as a credit), and the detail view's breakdown adds up to it leg by leg.
import { describe, expect, it } from 'vitest';
import { costBreakdown, evEntryCostBps } from '../../../src-core/host/projections/screener-costs';
import { toRow } from '../../../src-core/host/projections/screener-rows';
import { explainDirection } from '../../../src-core/host/projections/screener-explain';
import { screenSymbol } from '../../../src-core/strategy/screener';
import { costBreakdownSchema } from '../../../src-core/api/channels/screener-costs';
import { account, noHistory, NOW, oneLevel, settings, symbolView } from '../strategy/fixtures';

describe('screener costs', () => {
  // Lighter's ask (100) under Extended's bid (101): long Lighter / short Extended enters at a
  // spread of −1 %, which the EV clamps to 0.
  const view = symbolView(-0.0003, 0.0003, { lighter: oneLevel(99.9, 100, 1_000), extended: oneLevel(101, 101.1, 1_000) });
  const params = settings();
  const report = screenSymbol(view, params, account, noHistory, NOW);
  const d = report.best.longVenue === 'lighter' ? report.best : report.other;

  it('the row and the explanation show the EV entry cost, not the spread as a credit', () => {
    expect(d.entrySpreadFraction).toBeLessThan(0);
    const costs = costBreakdown(d, view, params);
    const rowBps = evEntryCostBps(d);
    expect(rowBps).toBeCloseTo(costs.entry.totalBps!, 9);
    expect(rowBps).toBeCloseTo((d.entryCostUsd / params.notionalUsd) * 10_000, 9);
    expect(rowBps).toBeGreaterThan(d.entryCostBps);
    if (report.best === d) {
      expect(toRow(report, view, NOW).entryCostBps).toBeCloseTo(rowBps!, 9);
      expect(explainDirection(d).entryCostBps).toBeCloseTo(rowBps!, 9);
    }
  });

  it('a positive spread leaves the strategy\'s figure as it is', () => {
    const wide = symbolView(-0.0003, 0.0003);
    const r = screenSymbol(wide, params, account, noHistory, NOW);
    expect(r.best.entrySpreadFraction).toBeGreaterThan(0);
    expect(toRow(r, wide, NOW).entryCostBps).toBeCloseTo(r.best.entryCostBps, 9);
  });

  it('adds up leg by leg to the entry and exit costs the EV subtracts', () => {
    const c = costBreakdown(d, view, params);
    expect(costBreakdownSchema.safeParse(c).success).toBe(true);
    expect(c.entry.makerLeg).toMatchObject({ venue: params.makerVenue, role: 'maker' });
    expect(c.entry.hedgeLeg.role).toBe('taker');
    expect(c.entry.hedgeLeg.venue).not.toBe(params.makerVenue);
    expect(c.entry.spreadUsd).toBe(0);
    expect(c.entry.makerLeg.feeUsd + c.entry.hedgeLeg.feeUsd + c.entry.spreadUsd!).toBeCloseTo(d.entryCostUsd, 12);
    expect(c.exit.makerVenueFeeUsd + c.exit.hedgeVenueFeeUsd + c.exit.spreadUsd).toBeCloseTo(d.exitCostUsd, 12);
    expect(c.entry.makerLeg.feeUsd + c.entry.hedgeLeg.feeUsd + c.exit.makerVenueFeeUsd + c.exit.hedgeVenueFeeUsd).toBeCloseTo(d.feesUsd, 12);
    expect(c.totalUsd).toBeCloseTo(d.entryCostUsd + d.exitCostUsd, 12);
    const maker = view[params.makerVenue].meta;
    expect(c.entry.makerLeg.feeUsd).toBeCloseTo(params.notionalUsd * maker.makerFeeRate, 12);
  });
});
