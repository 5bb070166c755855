// The funding-ledger loop's reach after a start, over a real SQLite ledger: the venue port is a
// scripted history that answers `fundingPayments(symbol, sinceMs)` as both venues do (every row
// settled at or after sinceMs). Regression: "host down for three days with a pair open" — the
// first read reached back only 48 h, so the pair's first day of payments was never recorded and
// its funding in the ledger stayed short of what the venue paid.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { formatScaled, normalizeDecimal, sumDecimals } from '../../../src-core/domain/decimal';
import type { VenueId } from '../../../src-core/domain/venue';
import { FUNDING_LOOKBACK_MS, startFundingLedger, type FundingLedger } from '../../../src-core/host/loops/funding-ledger';
import { FundingAttributor } from '../../../src-core/ledger/funding-attribution';
import { LedgerRepo } from '../../../src-core/ledger/ledger-repo';
import type { NewPair } from '../../../src-core/ledger/types';
import { openLedgerDatabase, openStore } from '../../../src-core/store/db';
import { silentLogger } from '../../../src-core/telemetry/log';
import type { FundingPayment, TradingPort } from '../../../src-core/venues/port';
import { tempDir } from '../../helpers/tmp';

const H = 3_600_000;
const T0 = 1_000 * H;
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function setup() {
  const t = tempDir();
  openStore({ dataDir: t.dir, mode: 'sim' }).close();
  const db = openLedgerDatabase(join(t.dir, 'sim.db'));
  cleanups.push(() => {
    db.close();
    t.cleanup();
  });
  return { db, ledger: new LedgerRepo(db) };
}

/** A pair created at `createdAtMs` whose Lighter long leg of 0.5 ETH filled a second later. */
function openPair(ledger: LedgerRepo, createdAtMs: number): number {
  const pair: NewPair = { pairSeq: ledger.allocatePairSeq(), symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended', targetSize: '0.5', entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs };
  const rec = ledger.recordIntent(pair, { leg: 0, venue: 'lighter', purpose: 'entry', attempt: 0, side: 'buy', size: '0.5', price: '3000', tif: 'ioc', reduceOnly: false, createdAtMs, txHash: null });
  ledger.recordFill({ venue: 'lighter', symbol: 'ETH', venueFillId: `f${pair.pairSeq}`, venueOrderId: `o${pair.pairSeq}`, clientOrderId: rec.clientOrderId, side: 'buy', size: '0.5', price: '3000', feeUsd: '0', isMaker: false, timeMs: createdAtMs + 1_000 });
  return pair.pairSeq;
}

/** Lighter's hourly payments on the 0.5 ETH long for settlements first..last (inclusive). */
function history(firstMs: number, lastMs: number): FundingPayment[] {
  const out: FundingPayment[] = [];
  for (let t = firstMs, k = 1; t <= lastMs; t += H, k++) {
    out.push({ venue: 'lighter', symbol: 'ETH', venuePaymentId: String(k), settlementTimeMs: t, cashUsd: formatScaled(BigInt(k % 3 === 0 ? 1000 + k : -(1000 + k)), 6), hourlyRate: null, positionSide: 'long', positionSize: '0.5', markPrice: null });
  }
  return out;
}

/** A venue port that answers from a fixed history, as the venue filters it by sinceMs. */
function port(rows: readonly FundingPayment[]): Pick<TradingPort, 'onAccount' | 'fundingPayments'> {
  return {
    onAccount: () => () => undefined,
    fundingPayments: (_symbol, sinceMs) => Promise.resolve(rows.filter((r) => r.settlementTimeMs >= sinceMs)),
  };
}

function start(db: ReturnType<typeof setup>['db'], ledger: LedgerRepo, rows: Readonly<Record<VenueId, readonly FundingPayment[]>>, nowMs: number): FundingLedger {
  const loop = startFundingLedger({
    ports: { lighter: port(rows.lighter), extended: port(rows.extended) },
    ledger,
    attributor: new FundingAttributor(db),
    log: silentLogger,
    now: () => nowMs,
    ticker: { every: () => () => undefined },
  });
  cleanups.unshift(() => loop.stop());
  return loop;
}

describe('funding-ledger loop: the first read after a start', () => {
  it('host down for three days with a pair open: every payment since the pair opened is recorded', async () => {
    const { db, ledger } = setup();
    const pairSeq = openPair(ledger, T0);
    // The pair was opened at T0; the host comes back 72 h later; the venue paid every hour.
    const rows = history(T0 + H, T0 + 72 * H);
    expect(72 * H).toBeGreaterThan(FUNDING_LOOKBACK_MS);
    await start(db, ledger, { lighter: rows, extended: [] }, T0 + 72 * H + 60_000).idle();
    const recorded = ledger.fundingOfPair(pairSeq);
    expect(recorded.map((p) => p.settlementTimeMs)).toEqual(rows.map((p) => p.settlementTimeMs));
    expect(normalizeDecimal(sumDecimals(recorded.map((p) => p.cashUsd)))).toBe(normalizeDecimal(sumDecimals(rows.map((p) => p.cashUsd))));
  });

  it('with no pair open it reaches back the 48 h lookback (and an hour of overlap), no further', async () => {
    const { db, ledger } = setup();
    const nowMs = T0 + 100 * H + 60_000;
    const asked: number[] = [];
    const rows = history(T0 + H, T0 + 100 * H);
    const p = port(rows);
    const loop = startFundingLedger({
      ports: { lighter: { ...p, fundingPayments: (s, since) => (asked.push(since), p.fundingPayments(s, since)) }, extended: port([]) },
      ledger,
      attributor: new FundingAttributor(db),
      log: silentLogger,
      now: () => nowMs,
      ticker: { every: () => () => undefined },
    });
    cleanups.unshift(() => loop.stop());
    await loop.idle();
    expect(asked).toEqual([nowMs - FUNDING_LOOKBACK_MS - H]);
  });

  it('a closed pair does not widen the read; the oldest pair not closed does', async () => {
    const { ledger } = setup();
    const closed = openPair(ledger, T0);
    ledger.setPairState(closed, 'closed', T0 + 10 * H, 'done');
    expect(ledger.oldestUnclosedPairCreatedAtMs()).toBeNull();
    openPair(ledger, T0 + 20 * H);
    openPair(ledger, T0 + 30 * H);
    expect(ledger.oldestUnclosedPairCreatedAtMs()).toBe(T0 + 20 * H);
  });
});
