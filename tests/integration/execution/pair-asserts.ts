// What the pair-entry scenarios look at and assert, shared by their files: the live maker order,
// leg sizes from the ledger, and the ledger against the simulator's own account truth.
import { expect } from 'vitest';
import { compareDecimal, formatScaled, fromIncrements, negDecimal, sumDecimals, toIncrements } from '../../../src-core/domain/decimal';
import type { VenueId } from '../../../src-core/domain/venue';
import type { TrackedOrder } from '../../../src-core/execution/tracker-types';
import { SYMBOL, type PairHarness } from './pair-harness';

/** The maker (leg 0 'entry' post-only) order of the pair that is live on the book now. */
export function liveMaker(x: PairHarness, pairSeq: number): TrackedOrder | undefined {
  for (const i of x.ledger.intentsOfPair(pairSeq).slice().reverse()) {
    if (i.leg !== 0 || i.purpose !== 'entry' || i.tif !== 'post_only') continue;
    const o = x.tracker.get(i.clientOrderId);
    if (o !== undefined && (o.order.state === 'accepted' || o.order.state === 'partially-filled') && o.order.acceptedStage === 'live') return o;
  }
  return undefined;
}

export function pairSeqOf(x: PairHarness): number | undefined {
  return x.executor.active()[0];
}

/** A size in the venue's steps (the simulator's unit). */
export function steps(x: PairHarness, venue: VenueId, size: string): number {
  return Number(toIncrements(size, x.sim.engine.market(venue, SYMBOL)!.stepSize, 'exact'));
}

/** Sum of the pair's ledger fills on one leg. */
export function legFilled(x: PairHarness, pairSeq: number, leg: 0 | 1): string {
  return sumDecimals(x.ledger.fillsOfPair(pairSeq).filter((f) => f.leg === leg).map((f) => f.size));
}

/** The simulator's signed position of our account on a venue, as a decimal. */
export function simPosition(x: PairHarness, venue: VenueId): string {
  return fromIncrements(BigInt(x.simPositionSteps(venue)), x.sim.engine.market(venue, SYMBOL)!.stepSize);
}

/** Ledger fills of the pair on one venue equal the simulator's own fills of our account: count,
 *  net size, prices and fees to the last micro-USD. */
export function expectLedgerMatchesSim(x: PairHarness, pairSeq: number, venue: VenueId): void {
  const m = x.sim.engine.market(venue, SYMBOL)!;
  const ledger = x.ledger.fillsOfPair(pairSeq).filter((f) => f.venue === venue);
  const sim = x.simFills(venue);
  expect(ledger.length).toBe(sim.length);
  const simSize = fromIncrements(BigInt(sim.reduce((s, f) => s + (f.isAsk ? -f.sizeSteps : f.sizeSteps), 0)), m.stepSize);
  const ledgerSize = sumDecimals(ledger.map((f) => (f.side === 'buy' ? f.size : negDecimal(f.size))));
  expect(compareDecimal(ledgerSize, simSize)).toBe(0);
  const simFee = formatScaled(BigInt(sim.reduce((s, f) => s + f.feeMicro, 0)), 6);
  expect(compareDecimal(sumDecimals(ledger.map((f) => f.feeUsd)), simFee)).toBe(0);
  const byValue = (a: string, b: string) => compareDecimal(a, b);
  expect(ledger.map((f) => f.price).sort(byValue)).toEqual(sim.map((f) => fromIncrements(BigInt(f.priceTicks), m.tickSize)).sort(byValue));
}

/** The pair opened delta-neutral: both legs at `size` in the ledger and on the venues (long on
 *  Lighter, short on Extended), and the ledger equal to each venue's truth. */
export function expectHedgedAt(x: PairHarness, pairSeq: number, size: string): void {
  expect(compareDecimal(legFilled(x, pairSeq, 0), size)).toBe(0);
  expect(compareDecimal(legFilled(x, pairSeq, 1), size)).toBe(0);
  expect(compareDecimal(simPosition(x, 'lighter'), size)).toBe(0);
  expect(compareDecimal(simPosition(x, 'extended'), negDecimal(size))).toBe(0);
  expectLedgerMatchesSim(x, pairSeq, 'lighter');
  expectLedgerMatchesSim(x, pairSeq, 'extended');
}
