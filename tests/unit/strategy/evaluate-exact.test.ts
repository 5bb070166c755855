// evaluateDirection on the exact scenario (fixtures.ts: every figure exact in binary): the whole
// report and every gate's numbers, then each cost input on its own.
import { describe, expect, it } from 'vitest';
import { evaluateDirection, type DirectionReport } from '../../../src-core/strategy/evaluate';
import type { GateName, GateResult } from '../../../src-core/strategy/gates';
import { account, exactSettings, exactSymbol, noHistory, NOW, oneLevel } from './fixtures';

const gate = (r: DirectionReport, name: GateName): GateResult => r.gates.find((g) => g.gate === name)!;
const run = (s = exactSymbol(), st = exactSettings(), acc = account) => evaluateDirection(s, 'lighter', st, acc, noHistory, NOW);

describe('the exact scenario, long Lighter / short Extended', () => {
  it('reports carry, costs, EV and break-even to the last bit', () => {
    const r = run();
    expect(r).toMatchObject({
      symbol: 'ETH',
      longVenue: 'lighter',
      shortVenue: 'extended',
      longHourlyRate: 0,
      shortHourlyRate: 2 ** -10,
      netHourlyRate: 2 ** -10,
      netApy: 8.5546875, // 8760 / 1024
      entrySpreadFraction: 0.0078125, // (128 − 127) / 128
      entryCostUsd: 2.078125, // fees 0.078125 + spread $2
      entryCostBps: 81.1767578125, // 2.078125 / 256 × 10 000
      exitCostUsd: 2.0703125, // fees 0.0703125 + exit spread $2
      feesUsd: 0.1484375, // 0.078125 + 0.0703125
      expectedValueUsd: 7.8515625, // 12 − 4.1484375
      breakevenHours: 16.59375, // 4.1484375 / 0.25
      capacityUsd: 1016, // min(1024, 1016)
      minutesToFunding: { lighter: 30, extended: 30 },
      catchesNextPayment: true,
      passed: true,
      rejection: null,
    });
    expect(r.stability.samples).toBe(0);
  });

  it('every gate reports what it saw, what it needed and the unit', () => {
    expect(run().gates).toEqual([
      { gate: 'blacklist', passed: true, reason: 'ok', observed: 'ETH', threshold: null, unit: '' },
      { gate: 'tradfi', passed: true, reason: 'ok', observed: 'ETH', threshold: null, unit: '' },
      { gate: 'market-status', passed: true, reason: 'ok', observed: 'active', threshold: 'active', unit: 'status' },
      { gate: 'market-data', passed: true, reason: 'ok', observed: 0, threshold: 0, unit: 'items' },
      { gate: 'stale-book', passed: true, reason: 'ok', observed: 100, threshold: 60_000, unit: 'ms' },
      { gate: 'one-sided-book', passed: true, reason: 'ok', observed: 1, threshold: 1, unit: 'levels' },
      { gate: 'min-apy', passed: true, reason: 'ok', observed: 8.5546875, threshold: 0.35, unit: 'apy' },
      { gate: 'spread-open-hours', passed: true, reason: 'ok', observed: 0, threshold: 0, unit: 'hours' }, // off (fixtures: no history)
      { gate: 'spread-z', passed: true, reason: 'ok', observed: null, threshold: null, unit: 'σ' },
      { gate: 'depth', passed: true, reason: 'ok', observed: 1016, threshold: 500, unit: 'usd' },
      { gate: 'max-spread', passed: true, reason: 'ok', observed: 0.0078125, threshold: 0.01, unit: 'fraction' },
      { gate: 'expected-value', passed: true, reason: 'ok', observed: 7.8515625, threshold: 0.8, unit: 'usd' },
      { gate: 'breakeven', passed: true, reason: 'ok', observed: 16.59375, threshold: 24, unit: 'hours' },
      { gate: 'ev-to-spread', passed: true, reason: 'ok', observed: 7.8515625, threshold: 7, unit: 'usd' }, // 2 × 3.5
      { gate: 'cooldown', passed: true, reason: 'ok', observed: null, threshold: 60, unit: 'minutes' },
      { gate: 'max-open-pairs', passed: true, reason: 'ok', observed: 0, threshold: 1, unit: 'pairs' },
      { gate: 'margin', passed: true, reason: 'ok', observed: 9500, threshold: 64, unit: 'usd' }, // 10 000 × 0.95; 256 / 4
    ]);
  });

  it('the predicted rate wins over the settled one; the settled one fills in when none is predicted', () => {
    const r = run(exactSymbol({ extended: { predictedHourlyRate: 2 ** -10, settledHourlyRate: 2 ** -9 }, lighter: { predictedHourlyRate: null, settledHourlyRate: -(2 ** -11) } }));
    expect(r.shortHourlyRate).toBe(2 ** -10);
    expect(r.longHourlyRate).toBe(-(2 ** -11));
    expect(r.netHourlyRate).toBe(2 ** -10 + 2 ** -11);
  });
});

describe('costs from the books', () => {
  it('no asks on the long venue: the entry spread is infinite, not NaN, and max-spread says so', () => {
    const r = run(exactSymbol({ lighter: { asks: [] } }));
    expect(r.entrySpreadFraction).toBe(Number.POSITIVE_INFINITY);
    expect(r.entryCostUsd).toBe(Number.POSITIVE_INFINITY);
    expect(gate(r, 'max-spread').passed).toBe(false);
    // Top of book on an empty side is $0, and the walk does not throw.
    expect(gate(r, 'depth')).toMatchObject({ passed: false, observed: 0 });
    expect(r.passed).toBe(false);
  });

  it('no bids on the short venue: the entry spread is infinite too', () => {
    expect(run(exactSymbol({ extended: { bids: [] } })).entrySpreadFraction).toBe(Number.POSITIVE_INFINITY);
  });

  it('no exit side on either venue: the exit spread counts as zero, the exit fees remain', () => {
    expect(run(exactSymbol({ extended: { asks: [] } })).exitCostUsd).toBe(0.0703125);
    expect(run(exactSymbol({ lighter: { bids: [] } })).exitCostUsd).toBe(0.0703125);
  });

  it('an exit spread narrower than zero (books crossed between venues) costs nothing, it does not pay', () => {
    // Exit buys Extended's ask 126 and sells Lighter's bid 127: (126 − 127)/126 < 0 → 0.
    const r = run(exactSymbol({ extended: { asks: [{ price: 126, size: 8 }] } }));
    expect(r.exitCostUsd).toBe(0.0703125);
    expect(r.expectedValueUsd).toBe(12 - 0.1484375 - 2);
  });

  it('a negative entry spread is not counted as income: entry cost is the fees alone', () => {
    // Buy Lighter at 128, sell Extended at 130: (128 − 130)/128 = −1/64 → −$4, clamped at 0.
    const r = run(exactSymbol({ extended: { bids: [{ price: 130, size: 8 }] } }));
    expect(r.entrySpreadFraction).toBe(-(2 ** -6));
    expect(r.entryCostUsd).toBe(0.078125);
    expect(r.expectedValueUsd).toBe(12 - 0.1484375 - 2); // only the $2 exit spread and the fees
    // The EV-to-spread gate needs nothing when the spread costs nothing.
    expect(gate(r, 'ev-to-spread')).toMatchObject({ passed: true, threshold: 0 });
    // entryCostBps shows the signed spread: (0.078125 − 4) / 256 × 10 000.
    expect(r.entryCostBps).toBeCloseTo(((0.078125 - 4) / 256) * 10_000, 9);
  });

  it('a zero or negative spread never fails EV-to-spread, even when EV is negative', () => {
    // Zero carry: EV = −(fees + exit spread). With a zero entry spread there is nothing to cover.
    const flat = exactSymbol({ extended: { predictedHourlyRate: 0, ...oneLevel(128, 128, 8) }, lighter: oneLevel(128, 128, 8) });
    const r = run(flat);
    expect(r.entrySpreadFraction).toBe(0);
    expect(r.expectedValueUsd).toBe(-0.1484375);
    expect(gate(r, 'ev-to-spread')).toMatchObject({ passed: true, threshold: 0 });
    const negative = run(exactSymbol({ extended: { predictedHourlyRate: 0, bids: [{ price: 130, size: 8 }] } }));
    expect(negative.expectedValueUsd).toBeLessThan(0);
    expect(gate(negative, 'ev-to-spread')).toMatchObject({ passed: true, threshold: 0 });
  });

  it('capacity and top of book are the thinner of the two books', () => {
    // Lighter asks 128 × 8 = $1024; Extended bids 127 × 4 = $508.
    const r = run(exactSymbol({ extended: { bids: [{ price: 127, size: 4 }] } }));
    expect(r.capacityUsd).toBe(508);
    expect(gate(r, 'depth')).toMatchObject({ passed: true, observed: 508, threshold: 500 });
    const thinLong = run(exactSymbol({ lighter: { asks: [{ price: 128, size: 4 }] } }));
    expect(thinLong.capacityUsd).toBe(512);
    expect(gate(thinLong, 'depth').observed).toBe(512);
  });
});

describe('funding window', () => {
  it('minutes to each venue\'s settlement; past is 0, unknown is null', () => {
    const r = run(exactSymbol({ lighter: { nextSettlementMs: NOW + 90_000 }, extended: { nextSettlementMs: null } }));
    expect(r.minutesToFunding).toEqual({ lighter: 1.5, extended: null });
    expect(r.catchesNextPayment).toBe(false); // unknown counts as "may be missed"
    expect(run(exactSymbol({ lighter: { nextSettlementMs: NOW - 120_000 } })).minutesToFunding.lighter).toBe(0);
  });

  it('a settlement exactly one minute away is missed; one millisecond later it is caught', () => {
    expect(run(exactSymbol({ lighter: { nextSettlementMs: NOW + 60_000 } })).catchesNextPayment).toBe(false);
    expect(run(exactSymbol({ extended: { nextSettlementMs: NOW + 60_000 } })).catchesNextPayment).toBe(false);
    expect(run(exactSymbol({ lighter: { nextSettlementMs: NOW + 60_001 }, extended: { nextSettlementMs: NOW + 60_001 } })).catchesNextPayment).toBe(true);
  });
});
