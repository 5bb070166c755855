// Drawdown against the ledger's persisted peak of equity net of capital flows (a real SQLite
// ledger). Unknown equity is never 0 and never trips; a deposit is not a gain, a withdrawal not a
// loss. The restart case (upstream B26) is tests/integration/risk/drawdown-restart.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DrawdownBreaker } from '../../../../src-core/risk/breakers/drawdown';
import { RiskInputError } from '../../../../src-core/risk/risk-error';
import { riskDefaults } from '../../../../src-core/config/risk';
import { LedgerRepo } from '../../../../src-core/ledger/ledger-repo';
import { openLedgerDatabase, openStore } from '../../../../src-core/store/db';
import { tempDir } from '../../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

function ledger(): LedgerRepo {
  const t = tempDir();
  const main = openStore({ dataDir: t.dir, mode: 'sim' });
  const db = openLedgerDatabase(join(t.dir, 'sim.db'));
  cleanups.push(() => {
    db.close();
    main.close();
    t.cleanup();
  });
  return new LedgerRepo(db);
}

const eq = (lighter: string | null, extended: string | null, atMs = 1) => ({ equityUsd: { lighter, extended }, atMs });

describe('DrawdownBreaker (20 %)', () => {
  it.each([
    ['800.01', null],
    ['800', 'HALTED'],
    ['799.99', 'HALTED'],
  ])('peak $1000, equity $%s ⇒ %s', (equity, to) => {
    const l = ledger();
    const b = new DrawdownBreaker(l, riskDefaults);
    expect(b.evaluate(eq('600', '400')).trip).toBeNull();
    const r = b.evaluate(eq(equity, '0', 2));
    expect(r.trip?.to ?? null).toBe(to);
  });

  it('measures exactly and says how far it fell', () => {
    const l = ledger();
    const b = new DrawdownBreaker(l, riskDefaults);
    expect(b.evaluate(eq('500.5', '499.5'))).toEqual({ trip: null, measure: { kind: 'measured', netEquityUsd: '1000.0', peakUsd: '1000.0', fallUsd: '0.0' }, conditions: [] });
    expect(b.evaluate(eq('400', '350.25', 2))).toEqual({
      trip: { to: 'HALTED', reason: 'drawdown 24.97 % ($249.75) from the peak $1000.0 of equity net of flows (limit 20 %)' },
      measure: { kind: 'measured', netEquityUsd: '750.25', peakUsd: '1000.0', fallUsd: '249.75' },
      conditions: [],
    });
  });

  it('raises the persisted peak only upward', () => {
    const l = ledger();
    const b = new DrawdownBreaker(l, riskDefaults);
    b.evaluate(eq('1000', '0'));
    b.evaluate(eq('1200', '0', 2));
    b.evaluate(eq('1100', '0', 3));
    expect(l.equityPeakUsd()).toBe('1200');
    expect(b.evaluate(eq('960', '0', 4)).trip?.to).toBe('HALTED');
  });

  it('unknown equity on either venue: no trip, no peak, no condition', () => {
    const l = ledger();
    const b = new DrawdownBreaker(l, riskDefaults);
    b.evaluate(eq('500', '500'));
    expect(b.evaluate(eq(null, '500', 2))).toEqual({ trip: null, measure: { kind: 'unknown', detail: 'equity unknown on lighter' }, conditions: [] });
    expect(b.evaluate(eq(null, null, 3)).measure).toEqual({ kind: 'unknown', detail: 'equity unknown on lighter, extended' });
    // An unknown reading never became a peak either.
    const fresh = ledger();
    new DrawdownBreaker(fresh, riskDefaults).evaluate(eq('2000', null));
    expect(fresh.equityPeakUsd()).toBeNull();
  });

  it('a deposit is not a gain and a withdrawal is not a loss', () => {
    const l = ledger();
    const b = new DrawdownBreaker(l, riskDefaults);
    b.evaluate(eq('500', '500'));
    l.recordCapitalFlow('lighter', 'w-1', '-400', 2);
    // $400 withdrawn: equity $600 is no fall at all.
    expect(b.evaluate(eq('100', '500', 3))).toMatchObject({ trip: null, measure: { netEquityUsd: '1000', peakUsd: '1000' } });
    l.recordCapitalFlow('extended', 'd-1', '1000', 4);
    // $1000 deposited: equity $1500 is a fall of $100 net, and the peak did not move to $1500.
    expect(b.evaluate(eq('100', '1400', 5))).toMatchObject({ trip: null, measure: { netEquityUsd: '900', peakUsd: '1000', fallUsd: '100' } });
    expect(b.evaluate(eq('100', '1300', 6)).trip?.to).toBe('HALTED');
  });

  it('a peak that is not positive cannot be measured: entries are blocked instead', () => {
    const l = ledger();
    l.recordCapitalFlow('lighter', 'd-1', '1000', 1);
    const b = new DrawdownBreaker(l, riskDefaults);
    expect(b.evaluate(eq('1000', '0', 2))).toEqual({
      trip: null,
      measure: { kind: 'unmeasurable', netEquityUsd: '0', peakUsd: '0' },
      conditions: [{ key: 'drawdown-unmeasurable', venue: null, reason: 'drawdown unmeasurable: peak equity net of flows is $0' }],
    });
    // Once the net equity is positive, the peak follows and the breaker measures again.
    expect(b.evaluate(eq('1010', '0', 3)).measure).toEqual({ kind: 'measured', netEquityUsd: '10', peakUsd: '10', fallUsd: '0' });
  });

  it('a non-decimal equity is a typed error and leaves the peak alone', () => {
    const l = ledger();
    const b = new DrawdownBreaker(l, riskDefaults);
    b.evaluate(eq('1000', '0'));
    expect(() => b.evaluate(eq('1e6', '0', 2))).toThrow(new RiskInputError('bad-decimal', 'lighter equity is not an exact decimal: "1e6"'));
    expect(() => b.evaluate(eq('5000', 'NaN', 2))).toThrow(RiskInputError);
    expect(l.equityPeakUsd()).toBe('1000');
  });

  it('reads the limit from settings', () => {
    const b = new DrawdownBreaker(ledger(), { maxDrawdownFraction: 0.07 });
    b.evaluate(eq('1000', '0'));
    expect(b.evaluate(eq('930.01', '0', 2)).trip).toBeNull();
    expect(b.evaluate(eq('930', '0', 3)).trip).toEqual({ to: 'HALTED', reason: 'drawdown 7.00 % ($70) from the peak $1000 of equity net of flows (limit 7 %)' });
  });
});
