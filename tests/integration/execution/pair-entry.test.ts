// The pair executor end to end: the real simulator (both venues over loopback), the real Lighter
// and Extended adapters, the real tracker and a real SQLite ledger. Waits are pollUntil on
// observable state (orders, fills); no assertion depends on a timing margin.
import { afterEach, describe, expect, it } from 'vitest';
import { compareDecimal, fromIncrements, sumDecimals, toIncrements } from '../../../src-core/domain/decimal';
import { pollUntil } from '../../helpers/wait';
import { expectLedgerMatchesSim, legFilled, liveMaker, pairSeqOf, steps } from './pair-asserts';
import { eventually, pairHarness, SYMBOL, testSettings, type PairHarness } from './pair-harness';

let h: PairHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('pair entry (simulator, both venues)', () => {
  it('happy path: the maker fills, the hedge matches it, both legs equal, ledger = venue truth', async () => {
    h = await pairHarness();
    const x = h;
    const entry = x.executor.enter(x.request());
    const pairSeq = await eventually(() => pairSeqOf(x), 'entry started');
    const maker = await eventually(() => liveMaker(x, pairSeq), 'maker order live');
    expect(maker.intent.venue).toBe('lighter');
    expect(maker.intent.side).toBe('buy');
    x.counterpartyTake('lighter', 'buy', maker.intent.price, steps(x, 'lighter', maker.intent.size));
    const r = await entry;
    expect(r).toMatchObject({ outcome: 'opened', reason: 'opened', pairSeq, rollback: null, cooldownSymbol: null });
    expect(compareDecimal(r.legSizes[0], r.targetSize!)).toBe(0);
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

describe('pair entry: partial fills, failed hedges, rejection storms', () => {
  it('leg 1 filled in three partials: each is hedged as it arrives, before the next one', async () => {
    h = await pairHarness();
    const x = h;
    const entry = x.executor.enter(x.request());
    const pairSeq = await eventually(() => pairSeqOf(x), 'entry started');
    const maker = await eventually(() => liveMaker(x, pairSeq), 'maker order live');
    const hedgeStep = x.sim.engine.market('extended', SYMBOL)!.stepSize;
    const totalHedgeSteps = Number(toIncrements(maker.intent.size, hedgeStep, 'exact'));
    const chunk = Math.floor(totalHedgeSteps / 3);
    const chunks = [chunk, chunk, totalHedgeSteps - 2 * chunk];
    let done = '0';
    for (const c of chunks) {
      const size = fromIncrements(BigInt(c), hedgeStep);
      x.counterpartyTake('lighter', 'buy', maker.intent.price, steps(x, 'lighter', size));
      done = sumDecimals([done, size]);
      await pollUntil(() => compareDecimal(legFilled(x, pairSeq, 0), done) === 0 && compareDecimal(legFilled(x, pairSeq, 1), done) === 0, { what: `maker and hedge both at ${done}` });
    }
    const r = await entry;
    expect(r).toMatchObject({ outcome: 'opened', reason: 'opened', rollback: null });
    const hedges = x.ledger.intentsOfPair(pairSeq).filter((i) => i.leg === 1);
    expect(hedges.map((i) => i.size)).toEqual(chunks.map((c) => fromIncrements(BigInt(c), hedgeStep)));
    expect(hedges.every((i) => i.purpose === 'hedge' && i.tif === 'ioc' && i.side === 'sell' && !i.reduceOnly)).toBe(true);
    // One post-only maker order did it all.
    expect(x.ledger.intentsOfPair(pairSeq).filter((i) => i.leg === 0)).toHaveLength(1);
    expectLedgerMatchesSim(x, pairSeq, 'lighter');
    expectLedgerMatchesSim(x, pairSeq, 'extended');
  });

  it('hedge IOC finds no liquidity: the ladder climbs, then exactly the unhedged size is rolled back (not the venue position)', async () => {
    h = await pairHarness();
    const x = h;
    // A position of ours on Lighter that is not this pair's (another pair, a manual trade): the
    // rollback must leave it alone (upstream closed the whole venue position, B11).
    const ask = x.sim.engine.book('lighter', SYMBOL).bestAsk()!;
    const pre = x.sim.engine.place('lighter', { accountId: String(x.sim.demo.lighter.accountIndex), symbol: SYMBOL, isAsk: false, priceTicks: ask + 50, sizeSteps: 1_000, type: 'limit', tif: 'ioc', reduceOnly: false, clientId: '77', expiryMs: null });
    expect(pre.ok).toBe(true);
    const preSteps = x.simPositionSteps('lighter');
    expect(preSteps).toBe(1_000);
    x.settings = testSettings();
    const entry = x.executor.enter(x.request());
    const pairSeq = await eventually(() => pairSeqOf(x), 'entry started');
    const maker = await eventually(() => liveMaker(x, pairSeq), 'maker order live');
    // The hedge side of Extended dries up in the engine (the adapter's view still shows it).
    const eb = x.sim.engine.book('extended', SYMBOL);
    eb.missingSide = 'bids';
    eb.bids = [];
    const hedgeStep = x.sim.engine.market('extended', SYMBOL)!.stepSize;
    const half = fromIncrements(toIncrements(maker.intent.size, hedgeStep, 'exact') / 2n, hedgeStep);
    x.counterpartyTake('lighter', 'buy', maker.intent.price, steps(x, 'lighter', half));
    const r = await entry;
    expect(r.outcome).toBe('rolled-back');
    expect(r.reason).toMatch(/hedge ladder spent after 3 attempts/);
    expect(r.cooldownSymbol).toBe(SYMBOL);
    expect(r.legSizes.map((v) => compareDecimal(v, '0'))).toEqual([0, 0]);
    expect(r.rollback).toMatchObject({ venue: 'lighter', leftSize: '0' });
    expect(compareDecimal(r.rollback!.closedSize, half)).toBe(0);
    // The three hedge IOCs went up the ladder: 10, 15, 20 bps below the bid they saw.
    const hedges = x.ledger.intentsOfPair(pairSeq).filter((i) => i.leg === 1);
    expect(hedges).toHaveLength(3);
    const prices = hedges.map((i) => Number(i.price));
    expect(prices[0]).toBeGreaterThan(prices[1]!);
    expect(prices[1]).toBeGreaterThan(prices[2]!);
    const rb = x.ledger.intentsOfPair(pairSeq).filter((i) => i.purpose === 'rollback');
    expect(rb).toHaveLength(1);
    expect(rb[0]).toMatchObject({ leg: 0, venue: 'lighter', side: 'sell', reduceOnly: true, tif: 'ioc' });
    expect(compareDecimal(rb[0]!.size, half)).toBe(0);
    // Only this pair's quantity was closed: the other position is still there, Extended is flat.
    expect(x.simPositionSteps('lighter')).toBe(preSteps);
    expect(x.simPositionSteps('extended')).toBe(0);
    // The rollback's cost is in the ledger's fills: a round trip through the spread loses money.
    expect(compareDecimal(r.rollback!.realizedPnlUsd, '0')).toBeLessThanOrEqual(0);
    expect(x.ledger.fillsOfPair(pairSeq).filter((f) => f.leg === 0).length).toBeGreaterThanOrEqual(2);
  });

  it('post-only rejection storm with the default settings: bounded reprices, then the taker escalation fires (B1)', async () => {
    h = await pairHarness();
    const x = h;
    const { tradingDefaults } = await import('../../../src-core/config/trading');
    x.settings = { ...tradingDefaults };
    x.sim.engine.faults.forcePostOnlyReject.lighter = 1_000;
    const r = await x.executor.enter(x.request());
    x.sim.engine.faults.forcePostOnlyReject.lighter = 0;
    expect(r).toMatchObject({ outcome: 'opened', reason: 'opened' });
    const leg0 = x.ledger.intentsOfPair(r.pairSeq!).filter((i) => i.leg === 0);
    const postOnly = leg0.filter((i) => i.tif === 'post_only');
    const ioc = leg0.filter((i) => i.tif === 'ioc');
    // The first order and makerMaxRepriceCount (5) replacements, each refused as would-cross.
    expect(postOnly).toHaveLength(1 + tradingDefaults.makerMaxRepriceCount);
    for (const i of postOnly) expect(x.ledger.orderState(i.intentId)?.state).toMatch(/canceled|rejected/);
    expect(ioc).toHaveLength(1);
    expect(ioc[0]).toMatchObject({ purpose: 'entry', side: 'buy', size: r.targetSize });
    expect(postOnly.map((i) => i.attempt).concat(ioc.map((i) => i.attempt))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(compareDecimal(r.legSizes[0], r.legSizes[1])).toBe(0);
    expectLedgerMatchesSim(x, r.pairSeq!, 'lighter');
    expectLedgerMatchesSim(x, r.pairSeq!, 'extended');
  });
});
