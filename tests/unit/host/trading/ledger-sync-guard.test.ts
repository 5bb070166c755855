// A failed sync of the ledger's WAL halts trading, saying why (host/trading/ledger-sync-guard.ts),
// over the real trading-state control and a real ledger whose WAL sync fails.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { EventHub } from '../../../../src-core/api/events';
import { haltOnLedgerSyncError } from '../../../../src-core/host/trading/ledger-sync-guard';
import { createTradingStateControl } from '../../../../src-core/host/trading-state-control';
import { LedgerRepo } from '../../../../src-core/ledger/ledger-repo';
import { openLedgerDatabase, openStore } from '../../../../src-core/store/db';
import { TradingStateRepo } from '../../../../src-core/store/trading-state-repo';
import { silentLogger } from '../../../../src-core/telemetry/log';
import { tempDir } from '../../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

describe('a failed ledger sync', () => {
  it('halts trading with the disk’s error as the reason; the intent waiting on it is refused', async () => {
    const t = tempDir();
    const main = openStore({ dataDir: t.dir, mode: 'sim' });
    const db = openLedgerDatabase(join(t.dir, 'sim.db'));
    cleanups.push(t.cleanup, () => main.close(), () => db.close());
    const repo = new TradingStateRepo(main);
    const ts = createTradingStateControl(repo, repo.load({ state: 'ACTIVE', reason: 'start', changedAtMs: 0 }), new EventHub(silentLogger), silentLogger);
    const ledger = new LedgerRepo(db, { walSync: (done) => done(new Error('EIO: input/output error')), onSyncError: haltOnLedgerSyncError({ tradingState: ts, log: silentLogger, now: () => 42 }) });
    const pairSeq = ledger.allocatePairSeq();
    const { durable } = ledger.recordIntentToSend(
      { pairSeq, symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended', targetSize: '0.5', entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs: 1 },
      { leg: 1, venue: 'extended', purpose: 'hedge', attempt: 0, side: 'sell', size: '0.5', price: '3000', tif: 'ioc', reduceOnly: false, createdAtMs: 1, txHash: null },
    );
    await expect(durable).rejects.toThrow('EIO');
    expect(ts.current()).toMatchObject({ state: 'HALTED', reason: "the ledger's disk refused a sync: EIO: input/output error", changedAtMs: 42 });
    // Persisted: a restart starts HALTED.
    expect(repo.load({ state: 'ACTIVE', reason: 'default', changedAtMs: 0 }).state).toBe('HALTED');
  });
});
