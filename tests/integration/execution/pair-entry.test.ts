// The pair executor end to end: the real simulator (both venues over loopback), the real Lighter
// and Extended adapters, the real tracker and a real SQLite ledger. Waits are pollUntil on
// observable state (orders, fills); no assertion depends on a timing margin.
import { afterEach, describe, expect, it } from 'vitest';
import { compareDecimal, formatScaled, fromIncrements, sumDecimals, toIncrements } from '../../../src-core/domain/decimal';
import type { VenueId } from '../../../src-core/domain/venue';
import type { TrackedOrder } from '../../../src-core/execution/tracker-types';
import { pollUntil } from '../../helpers/wait';
import { pairHarness, SYMBOL, testSettings, type PairHarness } from './pair-harness';

let h: PairHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** The maker (leg 0 'entry' post-only) order of the pair that is live on the book now. */
function liveMaker(x: PairHarness, pairSeq: number): TrackedOrder | undefined {
  for (const i of x.ledger.intentsOfPair(pairSeq).slice().reverse()) {
    if (i.leg !== 0 || i.purpose !== 'entry' || i.tif !== 'post_only') continue;
    const o = x.tracker.get(i.clientOrderId);
    if (o !== undefined && (o.order.state === 'accepted' || o.order.state === 'partially-filled') && o.order.acceptedStage === 'live') return o;
  }
  return undefined;
}

function pairSeqOf(x: PairHarness): number | undefined {
  return x.executor.active()[0];
}

function steps(x: PairHarness, venue: VenueId, size: string): number {
  return Number(toIncrements(size, x.sim.engine.market(venue, SYMBOL)!.stepSize, 'exact'));
}

/** Ledger fills of the pair on one venue equal the simulator's own fills of our account: count,
 *  sizes, prices and fees to the last micro-USD. */
function expectLedgerMatchesSim(x: PairHarness, pairSeq: number, venue: VenueId): void {
  const m = x.sim.engine.market(venue, SYMBOL)!;
  const ledger = x.ledger.fillsOfPair(pairSeq).filter((f) => f.venue === venue);
  const sim = x.simFills(venue);
  expect(ledger.length).toBe(sim.length);
  const simSize = fromIncrements(BigInt(sim.reduce((s, f) => s + (f.isAsk ? -f.sizeSteps : f.sizeSteps), 0)), m.stepSize);
  const ledgerSize = sumDecimals(ledger.map((f) => (f.side === 'buy' ? f.size : `-${f.size}`)));
  expect(compareDecimal(ledgerSize, simSize)).toBe(0);
  const simFee = formatScaled(BigInt(sim.reduce((s, f) => s + f.feeMicro, 0)), 6);
  expect(compareDecimal(sumDecimals(ledger.map((f) => f.feeUsd)), simFee)).toBe(0);
  const simCash = sim.map((f) => fromIncrements(BigInt(f.priceTicks), m.tickSize)).sort();
  expect(ledger.map((f) => f.price).sort((a, b) => compareDecimal(a, b))).toEqual(simCash.sort((a, b) => compareDecimal(a, b)));
}

describe('pair entry (simulator, both venues)', () => {
  it('happy path: the maker fills, the hedge matches it, both legs equal, ledger = venue truth', async () => {
    h = await pairHarness();
    const x = h;
    const entry = x.executor.enter(x.request());
    const pairSeq = await pollUntil(() => pairSeqOf(x), { what: 'entry started' });
    const maker = await pollUntil(() => liveMaker(x, pairSeq), { what: 'maker order live' });
    expect(maker.intent.venue).toBe('lighter');
    expect(maker.intent.side).toBe('buy');
    x.counterpartyTake('lighter', 'buy', maker.intent.price, steps(x, 'lighter', maker.intent.size));
    const r = await entry;
    expect(r).toMatchObject({ outcome: 'opened', reason: 'opened', pairSeq, rollback: null, cooldownSymbol: null });
    expect(r.legSizes[0]).toBe(r.targetSize);
    expect(compareDecimal(r.legSizes[1], r.targetSize!)).toBe(0);
    // Zero naked exposure on the venues themselves.
    const lSize = fromIncrements(BigInt(x.simPositionSteps('lighter')), x.sim.engine.market('lighter', SYMBOL)!.stepSize);
    const eSize = fromIncrements(BigInt(-x.simPositionSteps('extended')), x.sim.engine.market('extended', SYMBOL)!.stepSize);
    expect(compareDecimal(lSize, r.targetSize!)).toBe(0);
    expect(compareDecimal(eSize, r.targetSize!)).toBe(0);
    expectLedgerMatchesSim(x, pairSeq, 'lighter');
    expectLedgerMatchesSim(x, pairSeq, 'extended');
    // Leverage was set on both venues before the first order (Lighter stores it as an initial
    // margin fraction in basis points, 10 000 / 7 → 1 429, hence not exactly 7).
    expect(x.sim.engine.account('lighter', String(x.sim.demo.lighter.accountIndex))!.leverage.get(SYMBOL)).toBeCloseTo(7, 2);
    expect(x.sim.engine.account('extended', String(x.sim.demo.extended.accountId))!.leverage.get(SYMBOL)).toBeCloseTo(7, 2);
  });
});
