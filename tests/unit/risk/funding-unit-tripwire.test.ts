// The funding-unit tripwire with worked numbers. Reference case: long 2 ETH at a mark of $3 000
// with our hourly rate 0.00125 %/h (1.25e-5, Lighter's base interest): the long pays
// 2 × 3000 × 1.25e-5 = $0.075, so the venue's cash should be "-0.075000".
import { describe, expect, it } from 'vitest';
import { checkFundingPayment, classifyRatio, describeCheck, TRIPWIRE_DEFAULTS, type FundingCheckVerdict, type PaymentFacts } from '../../../src-core/risk/funding-unit-tripwire';

const long2 = (cashUsd: string): PaymentFacts => ({ cashUsd, positionSize: '2', positionSide: 'long' });
const ref = { hourlyRate: 1.25e-5, markPrice: 3000 };

type Row = readonly [string, PaymentFacts, { hourlyRate: number | null; markPrice: number | null }, FundingCheckVerdict['kind'], 'none' | 'warn' | 'reduce', number | null];

describe('checkFundingPayment', () => {
  const rows: Row[] = [
    ['exact', long2('-0.075000'), ref, 'consistent', 'none', 1],
    ['mark moved 10 % since settlement', long2('-0.082500'), ref, 'consistent', 'none', 1.1],
    ['short receives what the long pays', { cashUsd: '0.075000', positionSize: '2', positionSide: 'short' }, ref, 'consistent', 'none', 1],
    ['negative rate: the long receives', long2('0.075000'), { hourlyRate: -1.25e-5, markPrice: 3000 }, 'consistent', 'none', 1],
    // Percent vs decimal: cash $7.50 where our rate says $0.075.
    ['cash 100× ours (our rate is a percent divided once too often)', long2('-7.500000'), ref, 'unit-mismatch', 'reduce', 100],
    ['cash 1/100 of ours (we read a percent as a decimal)', long2('-0.000750'), ref, 'unit-mismatch', 'reduce', 0.01],
    // 8-hour vs hourly.
    ['cash 8× ours', long2('-0.600000'), ref, 'unit-mismatch', 'reduce', 8],
    ['cash 1/8 of ours (an 8-hour value read as hourly)', long2('-0.009375'), ref, 'unit-mismatch', 'reduce', 0.125],
    ['cash 800× ours', long2('-60.000000'), ref, 'unit-mismatch', 'reduce', 800],
    ['cash 12.5× ours', long2('-0.937500'), ref, 'unit-mismatch', 'reduce', 12.5],
    // Our rate 100× too small also when it sits below the near-zero floor: the implied rate
    // (1.25e-5) is clear of it, so the check runs.
    ['our rate 1.25e-7 vs cash implying 1.25e-5', long2('-0.075000'), { hourlyRate: 1.25e-7, markPrice: 3000 }, 'unit-mismatch', 'reduce', 100],
    ['same size, wrong direction', long2('0.075000'), ref, 'sign-mismatch', 'reduce', 1],
    ['off ×2: a warning only', long2('-0.150000'), ref, 'drift', 'warn', 2],
    ['off ×5, no known unit', long2('-0.375000'), ref, 'gross-mismatch', 'reduce', 5],
    ['nothing paid where $0.075 was due', long2('0'), ref, 'gross-mismatch', 'reduce', 0],
    // A loader that misses the field caches 0 (venues.md §3 pitfall 4).
    ['our rate 0 but the venue charged', long2('-0.075000'), { hourlyRate: 0, markPrice: 3000 }, 'gross-mismatch', 'reduce', Number.POSITIVE_INFINITY],
    // 0.01 ETH: $0.000375 due; a micro-USD rounding is 0.13 % of it, but the venue may round
    // to cents: under $0.01 on both sides is not judged.
    ['tiny payment: rounding dominates', { cashUsd: '-0.000375', positionSize: '0.01', positionSide: 'long' }, ref, 'skipped', 'none', null],
    // ... but a ×100 on the same tiny position is $0.0375 and is caught.
    ['tiny position, cash 100× ours', { cashUsd: '-0.037500', positionSize: '0.01', positionSide: 'long' }, ref, 'unit-mismatch', 'reduce', 100],
    // 100 ETH at rate 1e-6: $0.30 due, but 1e-6 is one rate step on either venue (±50 %).
    ['rate near zero on both sides', { cashUsd: '-0.450000', positionSize: '100', positionSide: 'long' }, { hourlyRate: 1e-6, markPrice: 3000 }, 'skipped', 'none', null],
    ['no position', { cashUsd: '0', positionSize: '0', positionSide: 'long' }, ref, 'skipped', 'none', null],
    ['no reference rate', long2('-0.075000'), { hourlyRate: null, markPrice: 3000 }, 'skipped', 'none', null],
    ['no mark', long2('-0.075000'), { hourlyRate: 1.25e-5, markPrice: null }, 'skipped', 'none', null],
    ['not a number', long2('-0.07x'), ref, 'skipped', 'none', null],
  ];

  it.each(rows)('%s', (_name, payment, reference, kind, action, ratio) => {
    const c = checkFundingPayment(payment, reference);
    expect(c.verdict.kind).toBe(kind);
    expect(c.action).toBe(action);
    if (ratio !== null && 'ratio' in c.verdict) {
      if (Number.isFinite(ratio)) expect(c.verdict.ratio).toBeCloseTo(ratio, 6);
      else expect(c.verdict.ratio).toBe(ratio);
    }
  });

  it('reports the expected cash, the implied rate and the numbers in its message', () => {
    const c = checkFundingPayment(long2('-7.500000'), ref);
    expect(c.expectedCashUsd).toBeCloseTo(-0.075, 12);
    expect(c.impliedHourlyRate).toBeCloseTo(1.25e-3, 12);
    if (c.verdict.kind !== 'unit-mismatch') throw new Error('expected a unit mismatch');
    expect(c.verdict.factor).toBe(100);
    const m = describeCheck('lighter', 'ETH', c);
    expect(m).toContain('lighter ETH funding unit mismatch ×100');
    expect(m).toContain('paid $-7.5');
    expect(m).toContain('implies $-0.075000');
  });

  it('says why a skipped payment was skipped', () => {
    const c = checkFundingPayment({ cashUsd: '-0.000375', positionSize: '0.01', positionSide: 'long' }, ref);
    expect(c.verdict).toMatchObject({ kind: 'skipped', reason: 'cash-rounding' });
    expect(describeCheck('extended', 'ETH', c)).toContain('below $0.01: rounding dominates');
    expect(checkFundingPayment({ cashUsd: '-0.450000', positionSize: '100', positionSide: 'long' }, { hourlyRate: 1e-6, markPrice: 3000 }).verdict).toMatchObject({ kind: 'skipped', reason: 'rate-near-zero' });
  });
});

describe('classifyRatio bands', () => {
  it.each([
    [1, 'consistent'],
    [1.5, 'consistent'],
    [1 / 1.5, 'consistent'],
    [1.51, 'drift'],
    [0.66, 'drift'],
    [3, 'drift'],
    [3.01, 'gross-mismatch'],
    [0.33, 'gross-mismatch'],
    [6.3, 'gross-mismatch'],
    [6.4, 'unit-mismatch'],
    [9.9, 'unit-mismatch'],
    [80, 'unit-mismatch'],
    [125, 'unit-mismatch'],
    [126, 'gross-mismatch'],
    [0.0125, 'unit-mismatch'],
    [0.0079, 'gross-mismatch'],
  ] as const)('ratio %s is %s', (ratio, kind) => {
    expect(classifyRatio(ratio).kind).toBe(kind);
  });

  it('names the nearest trap', () => {
    const at = (r: number) => {
      const v = classifyRatio(r);
      return v.kind === 'unit-mismatch' ? v.factor : null;
    };
    expect(at(9.9)).toBe(8);
    expect(at(10.1)).toBe(12.5);
    expect(at(95)).toBe(100);
    expect(at(1 / 95)).toBe(1 / 100);
    expect(at(0.13)).toBe(1 / 8);
    expect(at(700)).toBe(800);
  });

  it('the trap bands never overlap the consistent band', () => {
    const t = TRIPWIRE_DEFAULTS;
    expect(8 / t.trapTolerance).toBeGreaterThan(t.grossRatio);
    expect(t.grossRatio).toBeGreaterThan(t.consistentRatio);
  });
});
