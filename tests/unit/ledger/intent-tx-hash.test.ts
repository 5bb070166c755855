// LedgerRepo.setIntentTxHash: the signed hash an ambiguous Lighter send came back with, stored on
// its intent (durable, found again after a reopen); set once, a different one refused.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openLedgerDatabase, openStore } from '../../../src-core/store/db';
import { LedgerRepo } from '../../../src-core/ledger/ledger-repo';
import { LedgerError } from '../../../src-core/ledger/errors';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function setup() {
  const t = tempDir();
  const main = openStore({ dataDir: t.dir, mode: 'sim' });
  const file = join(t.dir, 'sim.db');
  const dbs = [openLedgerDatabase(file)];
  cleanups.push(() => {
    dbs.forEach((d) => d.close());
    main.close();
    t.cleanup();
  });
  const ledger = new LedgerRepo(dbs[0]!);
  const pairSeq = ledger.allocatePairSeq();
  const intent = ledger.recordIntent(
    { pairSeq, symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended', targetSize: '0.5', entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs: 1 },
    { leg: 0, venue: 'lighter', purpose: 'entry', attempt: 0, side: 'buy', size: '0.5', price: '3000', tif: 'gtt', reduceOnly: false, createdAtMs: 1, txHash: null },
  );
  const reopen = () => {
    const d = openLedgerDatabase(file);
    dbs.push(d);
    return new LedgerRepo(d);
  };
  return { ledger, intent, reopen };
}

const HASH = 'ab'.repeat(40);

describe('LedgerRepo.setIntentTxHash', () => {
  it('stores the hash on the intent, durable across a reopen; setting the same one again is a no-op', () => {
    const { ledger, intent, reopen } = setup();
    ledger.setIntentTxHash(intent.intentId, HASH);
    ledger.setIntentTxHash(intent.intentId, HASH);
    expect(reopen().intentByClientOrderId(intent.clientOrderId)!.txHash).toBe(HASH);
  });
  it('refuses a different hash, an empty one and an unknown intent, changing nothing', () => {
    const { ledger, intent } = setup();
    expect(() => ledger.setIntentTxHash(intent.intentId, '')).toThrow(LedgerError);
    expect(ledger.intentByClientOrderId(intent.clientOrderId)!.txHash).toBeNull();
    ledger.setIntentTxHash(intent.intentId, HASH);
    expect(() => ledger.setIntentTxHash(intent.intentId, 'cd'.repeat(40))).toThrow(expect.objectContaining({ code: 'intent-mismatch' }));
    expect(() => ledger.setIntentTxHash(intent.intentId + 1, HASH)).toThrow(expect.objectContaining({ code: 'unknown-intent' }));
    expect(ledger.intentByClientOrderId(intent.clientOrderId)!.txHash).toBe(HASH);
  });
});
