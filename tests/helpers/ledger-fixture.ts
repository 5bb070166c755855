// A real ledger on a temp SQLite file, filled through LedgerRepo (the only writer) with two pairs
// whose PnL is worked out by hand below, for the read-side tests (ledger-queries, pairs handlers).
import { join } from 'node:path';
import { openLedgerDatabase, openStore, type Db } from '../../src-core/store/db';
import { LedgerRepo } from '../../src-core/ledger/ledger-repo';
import type { IntentRecord, LedgerFill, LedgerOrderState, NewIntent, NewPair } from '../../src-core/ledger/types';
import { tempDir } from './tmp';

export interface LedgerFixture {
  readonly main: Db;
  readonly ledgerDb: Db;
  readonly repo: LedgerRepo;
  close(): void;
}

export function openLedgerFixture(): LedgerFixture {
  const t = tempDir();
  const main = openStore({ dataDir: t.dir, mode: 'sim' });
  const ledgerDb = openLedgerDatabase(join(t.dir, 'sim.db'));
  return {
    main,
    ledgerDb,
    repo: new LedgerRepo(ledgerDb),
    close() {
      ledgerDb.close();
      main.close();
      t.cleanup();
    },
  };
}

export const ethPair = (pairSeq: number): NewPair => ({
  pairSeq,
  symbol: 'ETH',
  longVenue: 'lighter',
  shortVenue: 'extended',
  targetSize: '0.5',
  entryLongHourlyRate: -0.00001,
  entryShortHourlyRate: 0.00004,
  entryApy: 0.44,
  createdAtMs: 1_000,
});

export const solPair = (pairSeq: number): NewPair => ({
  pairSeq,
  symbol: 'SOL',
  longVenue: 'extended',
  shortVenue: 'lighter',
  targetSize: '3',
  entryLongHourlyRate: null,
  entryShortHourlyRate: null,
  entryApy: null,
  createdAtMs: 5_000,
});

function intent(over: Partial<NewIntent> & Pick<NewIntent, 'leg' | 'venue' | 'side' | 'size' | 'price'>): NewIntent {
  return { purpose: 'entry', attempt: 0, tif: 'ioc', reduceOnly: false, createdAtMs: 1_001, txHash: null, ...over };
}

export function orderState(state: LedgerOrderState['state'], filledSize: string, venueOrderId: string | null): LedgerOrderState {
  return { state, acceptedStage: 'live', venueOrderId, filledSize, venueFilledSize: filledSize, rejectReason: null, endReason: null, unknownSends: 0 };
}

function fillOf(i: IntentRecord, venueFillId: string, size: string, price: string, feeUsd: string, timeMs: number, isMaker = false): LedgerFill {
  return { venue: i.venue, symbol: i.symbol, venueFillId, venueOrderId: `o-${i.intentId}`, clientOrderId: i.clientOrderId, side: i.side, size, price, feeUsd, isMaker, timeMs };
}

export interface Seeded {
  /** ETH, closed: lighter long 0.5 in two maker fills, extended short 0.5, both closed again. */
  readonly closed: number;
  /** SOL, opening: only its extended long leg, partly filled. */
  readonly opening: number;
  readonly intents: readonly IntentRecord[];
  readonly fills: readonly LedgerFill[];
}

/**
 * Pair `closed` (ETH, long lighter / short extended), by hand:
 *   leg 0 lighter long: buy 0.2 @ 3000.10 (fee 0) + 0.3 @ 3000.20 (rebate −0.009) → basis 1500.08;
 *     sell 0.5 @ 3010 (fee 0.75) → realized 1505 − 1500.08 = 4.92; fees 0.741; funding −0.15
 *     → net 4.92 − 0.741 − 0.15 = 4.029
 *   leg 1 extended short: sell 0.5 @ 2999.90 (fee 0.749975) → basis −1499.95; buy 0.5 @ 3005
 *     (fee 0.7) → realized −1502.5 + 1499.95 = −2.55; fees 1.449975; funding +0.1 +0.2 = 0.3
 *     → net −2.55 − 1.449975 + 0.3 = −3.699975
 *   pair: realized 2.37, fees 2.190975, received 0.3, paid 0.15, net 0.329025
 * Pair `opening` (SOL, long extended / short lighter): leg 0 extended buy 1.25 of 3 @ 101.5
 *   (fee 0.0634375); a lighter funding payment tied to it before its lighter leg exists (+0.01).
 * Also written and never counted: a fill with no client id, a funding payment of no pair.
 */
export function seedLedger(repo: LedgerRepo): Seeded {
  const closed = repo.allocatePairSeq();
  const opening = repo.allocatePairSeq();
  const p = ethPair(closed);
  const l0 = repo.recordIntent(p, intent({ leg: 0, venue: 'lighter', side: 'buy', size: '0.5', price: '3000.20', tif: 'post_only', txHash: '0xabc' }));
  const l1 = repo.recordIntent(p, intent({ leg: 1, venue: 'extended', purpose: 'hedge', side: 'sell', size: '0.5', price: '2999.90', createdAtMs: 1_500 }));
  const fills: LedgerFill[] = [
    fillOf(l0, 'lf1', '0.2', '3000.10', '0', 2_000, true),
    fillOf(l0, 'lf2', '0.3', '3000.20', '-0.009', 2_100, true),
    fillOf(l1, 'xf1', '0.5', '2999.90', '0.749975', 2_200),
  ];
  repo.setPairState(closed, 'open', 2_300);
  const x0 = repo.recordIntent(p, intent({ leg: 0, venue: 'lighter', purpose: 'exit', side: 'sell', size: '0.5', price: '3010', reduceOnly: true, createdAtMs: 9_000 }));
  const x1 = repo.recordIntent(p, intent({ leg: 1, venue: 'extended', purpose: 'exit', side: 'buy', size: '0.5', price: '3005', reduceOnly: true, createdAtMs: 9_001 }));
  fills.push(fillOf(x0, 'lf3', '0.5', '3010', '0.75', 9_100), fillOf(x1, 'xf2', '0.5', '3005', '0.7', 9_200));

  const s = solPair(opening);
  const o0 = repo.recordIntent(s, intent({ leg: 0, venue: 'extended', side: 'buy', size: '3', price: '101.5', tif: 'post_only', createdAtMs: 5_001 }));
  fills.push(fillOf(o0, 'sf1', '1.25', '101.5', '0.0634375', 5_100, true));

  for (const f of fills) repo.recordFill(f);
  // A fill that is not ours (no client id) on the same market: never part of a pair.
  repo.recordFill({ ...fills[0]!, venueFillId: 'foreign', clientOrderId: null, size: '7' });

  repo.recordOrderState(l0.intentId, orderState('filled', '0.5', 'o-l0'), 'fill', 2_100);
  repo.recordOrderState(l1.intentId, orderState('filled', '0.5', 'o-l1'), 'fill', 2_200);
  repo.recordOrderState(x0.intentId, orderState('filled', '0.5', 'o-x0'), 'fill', 9_100);
  repo.recordOrderState(x1.intentId, { ...orderState('filled', '0.5', 'o-x1'), endReason: 'done' }, 'fill', 9_200);
  repo.recordOrderState(o0.intentId, orderState('partially-filled', '1.25', 'o-o0'), 'fill', 5_100);
  repo.setPairState(closed, 'closing', 9_000);
  repo.setPairState(closed, 'closed', 9_300, 'edge gone');

  const pay = (venue: 'lighter' | 'extended', symbol: string, t: number, cashUsd: string, positionSide: 'long' | 'short') => ({
    venue,
    symbol,
    venuePaymentId: `${venue}-${symbol}-${t}`,
    settlementTimeMs: t,
    cashUsd,
    hourlyRate: 0.00001,
    positionSide,
    positionSize: '0.5',
    markPrice: 3000,
  });
  repo.recordFundingPayment(pay('lighter', 'ETH', 3_600_000, '-0.15', 'long'), closed, 3_600_001);
  repo.recordFundingPayment(pay('extended', 'ETH', 3_600_000, '0.1', 'short'), closed, 3_600_002);
  repo.recordFundingPayment(pay('extended', 'ETH', 7_200_000, '0.2', 'short'), closed, 7_200_001);
  repo.recordFundingPayment(pay('lighter', 'SOL', 3_600_000, '0.01', 'short'), opening, 3_600_003);
  repo.recordFundingPayment(pay('lighter', 'BTC', 3_600_000, '99', 'long'), null, 3_600_004);

  return { closed, opening, intents: [l0, l1, x0, x1, o0], fills };
}
