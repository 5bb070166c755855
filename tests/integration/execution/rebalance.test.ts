// The rebalance against the real simulator through the real adapters: a pair opens (maker on
// Lighter long, hedge on Extended short), the venue liquidates part of one leg (the simulator's
// fault), and the rebalancer, reading the venues' live positions, trades the difference on the
// larger leg with one reduce-only IOC. Both venues end equal to within the trading venue's step,
// and the ledger equals the simulator's account truth (the liquidation recorded as a fill that is
// not one of our orders). A failed position query is never "flat": nothing is sent.
import { afterEach, describe, expect, it } from 'vitest';
import { exitDefaults } from '../../../src-core/config/exits';
import { systemClock } from '../../../src-core/domain/clock';
import { absDecimal, compareDecimal, fromIncrements, negDecimal, subDecimal, sumDecimals } from '../../../src-core/domain/decimal';
import type { VenueId } from '../../../src-core/domain/venue';
import { PairRebalancer } from '../../../src-core/execution/rebalance';
import { silentLogger } from '../../../src-core/telemetry/log';
import { pollUntil } from '../../helpers/wait';
import { legFilled, liveMaker, pairSeqOf, simPosition, steps } from './pair-asserts';
import { eventually, pairHarness, SYMBOL, type PairHarness, type PairHarnessOptions } from './pair-harness';

/** Short in-flight checks for the lost-order scenario (same rule, sooner verdict). */
const QUICK_CHECKS: PairHarnessOptions = { inFlight: { checkIntervalMs: 300, thresholdMs: 1_000, maxRetries: 3 } };

let h: PairHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** Opens a pair at the test settings' notional: the maker rests, the counterparty fills it whole. */
async function openPair(x: PairHarness): Promise<{ pairSeq: number; size: string }> {
  const entry = x.executor.enter(x.request());
  const pairSeq = await eventually(() => pairSeqOf(x), 'entry started');
  const maker = await eventually(() => liveMaker(x, pairSeq), 'maker order live');
  x.counterpartyTake(maker.intent.venue, maker.intent.side, maker.intent.price, steps(x, maker.intent.venue, maker.intent.size));
  const r = await entry;
  expect(r).toMatchObject({ outcome: 'opened' });
  return { pairSeq, size: r.targetSize! };
}

function rebalancerOf(x: PairHarness): PairRebalancer {
  return new PairRebalancer({ tracker: x.tracker, ledger: x.ledger, venues: x.adapters, clock: systemClock, gate: (c) => x.gate(c), settings: () => ({ ...exitDefaults, ...x.settings }), log: silentLogger });
}

/** The venue liquidates `sizeSteps` of our position (the simulator's fault), and its fill has
 *  reached the ledger from the private stream (as a fill of no intent of ours). */
async function liquidate(x: PairHarness, venue: VenueId, sizeSteps: number): Promise<void> {
  const r = x.sim.engine.liquidatePartially({ venue, accountId: x.ourAccountId(venue), symbol: SYMBOL, sizeSteps });
  if (!r.ok) throw new Error(r.message);
  await pollUntil(() => compareDecimal(x.ledger.netFilledSize(venue, SYMBOL), simPosition(x, venue)) === 0, { what: `${venue} liquidation fill in the ledger` });
}

/** The ledger against the simulator's own account on `venue`: the pair's fills are exactly the
 *  account's trades (count, net size, fees), and the ledger's net over every fill it holds
 *  there, the liquidation included, is the account's position. */
function expectLedgerEqualsSim(x: PairHarness, pairSeq: number, venue: VenueId): void {
  const m = x.sim.engine.market(venue, SYMBOL)!;
  const ours = x.ledger.fillsOfPair(pairSeq).filter((f) => f.venue === venue);
  const trades = x.simFills(venue).filter((f) => f.tradeType === 'trade');
  expect(ours.length).toBe(trades.length);
  const simNet = fromIncrements(BigInt(trades.reduce((s, f) => s + (f.isAsk ? -f.sizeSteps : f.sizeSteps), 0)), m.stepSize);
  expect(compareDecimal(sumDecimals(ours.map((f) => (f.side === 'buy' ? f.size : negDecimal(f.size)))), simNet)).toBe(0);
  expect(compareDecimal(sumDecimals(ours.map((f) => f.feeUsd)), fromIncrements(BigInt(trades.reduce((s, f) => s + f.feeMicro, 0)), '0.000001'))).toBe(0);
  expect(compareDecimal(x.ledger.netFilledSize(venue, SYMBOL), simPosition(x, venue))).toBe(0);
}

function rebalanceIntents(x: PairHarness, pairSeq: number) {
  return x.ledger.intentsOfPair(pairSeq).filter((i) => i.purpose === 'rebalance');
}

describe('rebalance after a partial liquidation', () => {
  it('the Extended short is cut by a quarter: the Lighter long is sold down to it, reduce-only, and both venues are equal', async () => {
    h = await pairHarness();
    const x = h;
    const { pairSeq, size } = await openPair(x);
    const rb = rebalancerOf(x);
    expect(await rb.check(pairSeq)).toMatchObject({ kind: 'balanced', why: 'equal' });

    const cutSteps = Math.floor(steps(x, 'extended', size) / 4);
    await liquidate(x, 'extended', cutSteps);
    const cut = fromIncrements(BigInt(cutSteps), '0.001');
    const need = await rb.check(pairSeq);
    expect(need).toMatchObject({ kind: 'trade', leg: 0, venue: 'lighter', side: 'sell' });
    expect(need.kind === 'trade' && compareDecimal(need.size, cut)).toBe(0);

    const r = await rb.rebalance(pairSeq, 'test: legs differ');
    expect(r).toMatchObject({ outcome: 'traded', settled: true, orderState: 'filled', after: { kind: 'balanced', why: 'equal' } });
    expect(r.outcome === 'traded' && compareDecimal(r.filledSize, cut)).toBe(0);
    const [intent, ...more] = rebalanceIntents(x, pairSeq);
    expect(more).toEqual([]);
    expect(intent).toMatchObject({ leg: 0, venue: 'lighter', side: 'sell', tif: 'ioc', reduceOnly: true, attempt: 0 });

    expect(compareDecimal(simPosition(x, 'lighter'), subDecimal(size, cut))).toBe(0);
    expect(compareDecimal(simPosition(x, 'extended'), negDecimal(subDecimal(size, cut)))).toBe(0);
    expectLedgerEqualsSim(x, pairSeq, 'lighter');
    expectLedgerEqualsSim(x, pairSeq, 'extended');
    // The pair's own leg fills: Lighter's opening less the rebalance, Extended's hedge whole.
    expect(compareDecimal(legFilled(x, pairSeq, 1), size)).toBe(0);
    // Balanced now: a second call sends nothing.
    expect(await rb.rebalance(pairSeq, 'again')).toMatchObject({ outcome: 'not-needed', need: { kind: 'balanced' } });
    expect(rebalanceIntents(x, pairSeq).length).toBe(1);
  });

  it('the Lighter long is cut off-grid for Extended: the Extended short is bought back on its own step, toward less, never past equal', async () => {
    h = await pairHarness();
    const x = h;
    const { pairSeq, size } = await openPair(x);
    // 234 Lighter steps = 0.0234 of the 0.105 leg: Extended (step 0.001) can buy back 0.023,
    // not 0.0234; the 0.0004 left is within 1 % of the leg.
    await liquidate(x, 'lighter', 234);
    const rb = rebalancerOf(x);
    const r = await rb.rebalance(pairSeq, 'test: legs differ');
    expect(r).toMatchObject({ outcome: 'traded', settled: true, need: { venue: 'extended', side: 'buy', size: '0.023' } });
    expect(r.outcome === 'traded' && r.after).toMatchObject({ kind: 'balanced', why: 'within-fraction', deltaBase: '-0.0004' });
    const long = simPosition(x, 'lighter');
    const short = simPosition(x, 'extended');
    expect(compareDecimal(long, subDecimal(size, '0.0234'))).toBe(0);
    expect(compareDecimal(short, negDecimal(subDecimal(size, '0.023')))).toBe(0);
    // Equal to within one Extended step, the short still the larger: never overshot.
    const gap = subDecimal(absDecimal(short), long);
    expect(compareDecimal(gap, '0')).toBe(1);
    expect(compareDecimal(gap, '0.001')).toBe(-1);
    expectLedgerEqualsSim(x, pairSeq, 'lighter');
    expectLedgerEqualsSim(x, pairSeq, 'extended');
  });

  it('a failed position query is never flat: the need is unknown and nothing is sent; once the venue answers, the rebalance goes out', async () => {
    h = await pairHarness();
    const x = h;
    const { pairSeq, size } = await openPair(x);
    const cutSteps = Math.floor(steps(x, 'extended', size) / 2);
    await liquidate(x, 'extended', cutSteps);
    const rb = rebalancerOf(x);
    x.sim.faults.failHttp('extended', 1_000, 503, false, '/api/v1/user/positions');
    expect(await rb.check(pairSeq)).toMatchObject({ kind: 'unknown', cause: 'query-failed' });
    expect(await rb.rebalance(pairSeq, 'test')).toMatchObject({ outcome: 'unknown', need: { kind: 'unknown', cause: 'query-failed' } });
    expect(rebalanceIntents(x, pairSeq)).toEqual([]);
    const lighterBefore = simPosition(x, 'lighter');
    expect(compareDecimal(lighterBefore, size)).toBe(0);

    x.sim.faults.reset('extended');
    expect(await rb.rebalance(pairSeq, 'test')).toMatchObject({ outcome: 'traded', settled: true, after: { kind: 'balanced', why: 'equal' } });
    expectLedgerEqualsSim(x, pairSeq, 'lighter');
    expectLedgerEqualsSim(x, pairSeq, 'extended');
  });

  it('the gate refuses (HALTED): nothing is sent; one rebalance at a time per pair', async () => {
    h = await pairHarness();
    const x = h;
    const { pairSeq, size } = await openPair(x);
    await liquidate(x, 'extended', Math.floor(steps(x, 'extended', size) / 4));
    const rb = rebalancerOf(x);
    x.gate = () => ({ allowed: false, reason: 'HALTED' });
    expect(await rb.rebalance(pairSeq, 'test')).toMatchObject({ outcome: 'refused', reason: 'gate: HALTED' });
    expect(rebalanceIntents(x, pairSeq)).toEqual([]);
    x.gate = () => ({ allowed: true });
    const [a, b] = await Promise.all([rb.rebalance(pairSeq, 'first'), rb.rebalance(pairSeq, 'second')]);
    expect(a).toMatchObject({ outcome: 'traded', settled: true });
    expect(b).toMatchObject({ outcome: 'refused', reason: 'a rebalance of this pair is running' });
    expect(rebalanceIntents(x, pairSeq).length).toBe(1);
  });
});

describe('rebalance: an ambiguous outcome is resolved, never re-sent', () => {
  it('the rebalance executes but its answer is lost (timeout): resolved from the stream, exactly one rebalance order', async () => {
    h = await pairHarness();
    const x = h;
    const { pairSeq } = await openPair(x);
    await liquidate(x, 'lighter', 200);
    // The adapter gives up on an order reply after 5 s (pair-harness orderTimeoutMs); the
    // simulator executes at once and holds the reply for 8 s.
    x.sim.faults.setResponseDelay('extended', '/api/v1/user/order', 8_000);
    const r = await rebalancerOf(x).rebalance(pairSeq, 'test');
    x.sim.faults.setResponseDelay('extended', '/api/v1/user/order', 0);
    expect(r).toMatchObject({ outcome: 'traded', settled: true, orderState: 'filled', filledSize: '0.020', need: { venue: 'extended', side: 'buy', size: '0.020' }, after: { kind: 'balanced', why: 'equal' } });
    expect(rebalanceIntents(x, pairSeq).length).toBe(1);
    expectLedgerEqualsSim(x, pairSeq, 'lighter');
    expectLedgerEqualsSim(x, pairSeq, 'extended');
  });

  it('a dropped sendTx on Lighter: lost, judged never arrived with the liquidation in the ledger, nothing filled; the next rebalance is a new order', async () => {
    h = await pairHarness(QUICK_CHECKS);
    const x = h;
    const { pairSeq, size } = await openPair(x);
    await liquidate(x, 'extended', Math.floor(steps(x, 'extended', size) / 4));
    const rb = rebalancerOf(x);
    x.sim.faults.dropSendTx('lighter', 1);
    const first = await rb.rebalance(pairSeq, 'test');
    // The verdict needs the venue's position to equal the ledger's fills on that market: the
    // liquidation is in the ledger (a fill of no intent), so the evidence holds.
    expect(first).toMatchObject({ outcome: 'traded', settled: true, orderState: 'rejected', filledSize: '0', after: { kind: 'trade', venue: 'lighter' } });
    expect(compareDecimal(simPosition(x, 'lighter'), size)).toBe(0);
    const second = await rb.rebalance(pairSeq, 'test');
    expect(second).toMatchObject({ outcome: 'traded', settled: true, orderState: 'filled', after: { kind: 'balanced', why: 'equal' } });
    const intents = rebalanceIntents(x, pairSeq);
    expect(intents.map((i) => i.attempt)).toEqual([0, 1]);
    expect(new Set(intents.map((i) => i.clientOrderId)).size).toBe(2);
    expectLedgerEqualsSim(x, pairSeq, 'lighter');
    expectLedgerEqualsSim(x, pairSeq, 'extended');
  });

  it('an IOC still unresolved when the rebalance stops waiting is left to the tracker: the next rebalance sends nothing', async () => {
    h = await pairHarness();
    const x = h;
    const { pairSeq, size } = await openPair(x);
    await liquidate(x, 'extended', Math.floor(steps(x, 'extended', size) / 4));
    const rb = rebalancerOf(x);
    // The venue queues the tx and never executes it; the default in-flight checks take ~15 s to
    // call it lost, and this rebalance stops waiting after 1.5 s (its bound is entryDeadlineMs).
    x.settings = { ...x.settings, entryDeadlineMs: 1_500, hedgeAttemptTimeoutMs: 500 };
    x.sim.faults.dropSendTx('lighter', 1);
    const first = await rb.rebalance(pairSeq, 'test');
    expect(first).toMatchObject({ outcome: 'traded', settled: false, filledSize: '0', after: null });
    const [sent] = rebalanceIntents(x, pairSeq);
    const second = await rb.rebalance(pairSeq, 'test');
    expect(second).toEqual({ outcome: 'refused', reason: `order ${sent!.clientOrderId} of the pair is unresolved: its fills are not known`, need: null });
    expect(rebalanceIntents(x, pairSeq).length).toBe(1);
    expect(compareDecimal(simPosition(x, 'lighter'), size)).toBe(0);
  });
});
