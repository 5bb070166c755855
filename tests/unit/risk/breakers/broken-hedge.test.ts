// Broken hedge per pair: net delta beyond tolerance × the coarser step, on N consecutive reads; a
// failed read neither confirms nor clears (upstream B15: two API errors "confirmed" a broken
// hedge and closed the healthy leg).
import { describe, expect, it } from 'vitest';
import { BrokenHedgeBreaker, type HedgeReading, type LegRead } from '../../../../src-core/risk/breakers/broken-hedge';
import { RiskInputError } from '../../../../src-core/risk/risk-error';
import { riskDefaults } from '../../../../src-core/config/risk';

const size = (s: string): LegRead => ({ kind: 'size', size: s });
const failed: LegRead = { kind: 'failed', error: 'HTTP 503' };
// Lighter ETH steps 0.0001, Extended 0.001: tolerance 2 × 0.001 = 0.002.
const reading = (long: LegRead, short: LegRead, pairSeq = 7): HedgeReading => ({
  pairSeq, symbol: 'ETH', long: { venue: 'lighter', stepSize: '0.0001', read: long }, short: { venue: 'extended', stepSize: '0.001', read: short },
});

describe('BrokenHedgeBreaker (2 steps, 2 confirmations)', () => {
  it.each([
    ['0.502', '-0.5', 'balanced'],
    ['0.5', '-0.502', 'balanced'],
    ['0.5021', '-0.5', 'imbalanced'],
    ['0.5', '-0.5021', 'imbalanced'],
    ['0.5', '-0.5', 'balanced'],
  ])('long %s, short %s ⇒ %s', (l, s, kind) => {
    expect(new BrokenHedgeBreaker(riskDefaults).observe(reading(size(l), size(s))).status.kind).toBe(kind);
  });

  it('uses the coarser step whichever leg has it', () => {
    const b = new BrokenHedgeBreaker(riskDefaults);
    const swapped: HedgeReading = { pairSeq: 1, symbol: 'ETH', long: { venue: 'extended', stepSize: '0.001', read: size('0.502') }, short: { venue: 'lighter', stepSize: '0.0001', read: size('-0.5') } };
    expect(b.observe(swapped).status).toEqual({ kind: 'balanced', imbalance: '0.002', tolerance: '0.002' });
  });

  it('confirms on the second consecutive imbalanced read and names the pair', () => {
    const b = new BrokenHedgeBreaker(riskDefaults);
    const first = b.observe(reading(size('0.5'), size('0')));
    expect(first).toEqual({ trip: null, status: { kind: 'imbalanced', imbalance: '0.5', tolerance: '0.002', streak: 1 } });
    const second = b.observe(reading(size('0.5'), size('0')));
    expect(second.trip).toEqual({ to: 'REDUCING', reason: 'broken hedge: pair 7 ETH long lighter 0.5 vs short extended 0, imbalance 0.5 > 0.002 on 2 reads in a row' });
  });

  it('a balanced read in between clears the streak', () => {
    const b = new BrokenHedgeBreaker(riskDefaults);
    b.observe(reading(size('0.5'), size('0')));
    expect(b.observe(reading(size('0.5'), size('-0.5'))).status.kind).toBe('balanced');
    expect(b.streak(7)).toBe(0);
    expect(b.observe(reading(size('0.5'), size('0'))).trip).toBeNull();
  });

  it('failed reads neither confirm nor clear', () => {
    const b = new BrokenHedgeBreaker(riskDefaults);
    // Two failures alone confirm nothing (B15).
    expect(b.observe(reading(failed, size('-0.5')))).toEqual({ trip: null, status: { kind: 'read-failed', detail: 'position read failed (lighter: HTTP 503)', streak: 0 } });
    expect(b.observe(reading(size('0.5'), failed)).trip).toBeNull();
    expect(b.streak(7)).toBe(0);
    // An imbalance, a failure, an imbalance: confirmed (the failure did not clear).
    b.observe(reading(size('0.5'), size('0')));
    expect(b.observe(reading(failed, failed))).toEqual({ trip: null, status: { kind: 'read-failed', detail: 'position read failed (lighter: HTTP 503; extended: HTTP 503)', streak: 1 } });
    expect(b.observe(reading(size('0.5'), size('0'))).trip).not.toBeNull();
  });

  it('counts the net delta with signs: both legs long is broken', () => {
    expect(new BrokenHedgeBreaker(riskDefaults).observe(reading(size('0.5'), size('0.5'))).status).toEqual({ kind: 'imbalanced', imbalance: '1.0', tolerance: '0.002', streak: 1 });
  });

  it('keeps pairs apart and forgets a closed one', () => {
    const b = new BrokenHedgeBreaker(riskDefaults);
    b.observe(reading(size('1'), size('0'), 1));
    b.observe(reading(size('1'), size('0'), 2));
    expect(b.observe(reading(size('1'), size('-1'), 2)).trip).toBeNull();
    expect(b.streak(1)).toBe(1);
    b.forget(1);
    expect(b.streak(1)).toBe(0);
    expect(b.observe(reading(size('1'), size('0'), 1)).trip).toBeNull();
  });

  it('keeps tripping while confirmed; three confirmations when so configured', () => {
    const b = new BrokenHedgeBreaker({ brokenHedgeToleranceSteps: 0, brokenHedgeConfirmationCount: 3 });
    expect(b.observe(reading(size('0.5001'), size('-0.5'))).trip).toBeNull();
    expect(b.observe(reading(size('0.5001'), size('-0.5'))).trip).toBeNull();
    expect(b.observe(reading(size('0.5001'), size('-0.5'))).trip).toMatchObject({ to: 'REDUCING' });
    expect(b.observe(reading(size('0.5001'), size('-0.5'))).status).toMatchObject({ kind: 'imbalanced', tolerance: '0.000', streak: 4 });
  });

  describe('bad input is a typed error and changes nothing', () => {
    it.each([
      ['a size that is not a decimal', reading(size('0.5'), size('abc')), 'bad-decimal', 'extended size is not an exact decimal: "abc"'],
      ['a long size that is not a decimal', reading(size('1e-3'), size('0')), 'bad-decimal', 'lighter size is not an exact decimal: "1e-3"'],
      ['a zero step', { ...reading(size('1'), size('0')), short: { venue: 'extended' as const, stepSize: '0', read: size('0') } }, 'bad-step', 'extended step must be positive, got 0'],
      ['a negative step', { ...reading(size('1'), size('0')), long: { venue: 'lighter' as const, stepSize: '-0.1', read: size('1') } }, 'bad-step', 'lighter step must be positive, got -0.1'],
      ['a step that is not a decimal', { ...reading(size('1'), size('0')), long: { venue: 'lighter' as const, stepSize: '', read: size('1') } }, 'bad-decimal', 'lighter step is not an exact decimal: ""'],
    ] as const)('%s', (_name, r, code, message) => {
      const b = new BrokenHedgeBreaker(riskDefaults);
      b.observe(reading(size('1'), size('0')));
      expect(() => b.observe(r)).toThrow(message);
      try {
        b.observe(r);
      } catch (e) {
        expect((e as RiskInputError).code).toBe(code);
      }
      expect(b.streak(7)).toBe(1);
    });
  });
});
