// Upstream B26: the drawdown peak lived in memory, so a restart forgot it. Here it is the
// ledger's: raise the peak, close the database, reopen the file with a new ledger and a new
// breaker, and the fall is still measured against the old peak.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DrawdownBreaker } from '../../../src-core/risk/breakers/drawdown';
import { riskDefaults } from '../../../src-core/config/risk';
import { LedgerRepo } from '../../../src-core/ledger/ledger-repo';
import { openLedgerDatabase, openStore } from '../../../src-core/store/db';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

function open(dataDir: string) {
  const main = openStore({ dataDir, mode: 'sim' });
  const ledgerDb = openLedgerDatabase(join(dataDir, 'sim.db'));
  const ledger = new LedgerRepo(ledgerDb);
  return { ledger, breaker: new DrawdownBreaker(ledger, riskDefaults), close: () => (ledgerDb.close(), main.close()) };
}

describe('drawdown after a restart (B26)', () => {
  it('measures against the peak persisted before the restart', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const first = open(t.dir);
    first.breaker.evaluate({ equityUsd: { lighter: '500', extended: '500' }, atMs: 1 });
    first.breaker.evaluate({ equityUsd: { lighter: '600', extended: '500' }, atMs: 2 });
    first.ledger.recordCapitalFlow('extended', 'withdrawal-1', '-100', 3);
    first.close();

    const second = open(t.dir);
    cleanups.push(second.close);
    expect(second.ledger.equityPeakUsd()).toBe('1100');
    // $900 + the $100 withdrawn = $1000 net: 9.09 % below the $1100 peak, not a fresh peak of $900.
    expect(second.breaker.evaluate({ equityUsd: { lighter: '450', extended: '450' }, atMs: 4 })).toMatchObject({
      trip: null,
      measure: { kind: 'measured', netEquityUsd: '1000', peakUsd: '1100', fallUsd: '100' },
    });
    // $780 + $100 = $880 net = exactly 20 % below $1100: HALTED.
    expect(second.breaker.evaluate({ equityUsd: { lighter: '390', extended: '390' }, atMs: 5 }).trip).toEqual({
      to: 'HALTED',
      reason: 'drawdown 20.00 % ($220) from the peak $1100 of equity net of flows (limit 20 %)',
    });
  });
});
