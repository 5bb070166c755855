// The pair executor's budgets and controls on the simulator: the maker's time budget, 'abort',
// cancelEntry, a book that moves away (cancel-and-replace), the gate and sizing refusals.
import { afterEach, describe, expect, it } from 'vitest';
import { compareDecimal, fromIncrements, toIncrements } from '../../../src-core/domain/decimal';
import { pollUntil } from '../../helpers/wait';
import { legFilled, liveMaker } from './pair-asserts';
import { eventually, pairHarness, SYMBOL, testSettings, type PairHarness } from './pair-harness';

let h: PairHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('pair entry: budgets and controls', () => {
  it('the maker time budget runs out with nothing filled: the taker escalation fires and the pair opens', async () => {
    h = await pairHarness();
    const x = h;
    x.settings = testSettings({ makerTimeoutMs: 1_000 });
    const r = await x.executor.enter(x.request());
    expect(r).toMatchObject({ outcome: 'opened', reason: 'opened' });
    const leg0 = x.ledger.intentsOfPair(r.pairSeq!).filter((i) => i.leg === 0);
    expect(leg0.map((i) => i.tif)).toEqual(['post_only', 'ioc']);
    expect(x.ledger.orderState(leg0[0]!.intentId)).toMatchObject({ state: 'canceled', endReason: 'canceled-by-us' });
    expect(compareDecimal(r.legSizes[0], r.legSizes[1])).toBe(0);
    expect(x.attempts().at(-1)).toMatchObject({ outcome: 'opened', reason: 'opened', pair_id: r.pairSeq });
  });

  it("'abort' ends the entry when the maker budget runs out: cancelled, nothing sent beyond it", async () => {
    h = await pairHarness();
    const x = h;
    x.settings = testSettings({ makerTimeoutMs: 1_000, makerBudgetExhausted: 'abort' });
    const r = await x.executor.enter(x.request());
    expect(r.outcome).toBe('failed');
    expect(r.reason).toMatch(/nothing filled: maker time budget spent/);
    expect(r.cooldownSymbol).toBeNull();
    const intents = x.ledger.intentsOfPair(r.pairSeq!);
    expect(intents.map((i) => [i.leg, i.tif])).toEqual([[0, 'post_only']]);
    expect(x.simPositionSteps('lighter')).toBe(0);
    expect(x.simPositionSteps('extended')).toBe(0);
    expect(x.attempts().at(-1)).toMatchObject({ outcome: 'failed', pair_id: r.pairSeq });
  });

  it('cancelEntry stops the maker and keeps the hedged part: both legs equal at the partial size', async () => {
    h = await pairHarness();
    const x = h;
    const entry = x.executor.enter(x.request());
    const pairSeq = await eventually(() => x.executor.active()[0], 'entry started');
    const maker = await eventually(() => liveMaker(x, pairSeq), 'maker order live');
    const hedgeStep = x.sim.engine.market('extended', SYMBOL)!.stepSize;
    const part = fromIncrements(toIncrements(maker.intent.size, hedgeStep, 'exact') / 4n, hedgeStep);
    const lighterStep = x.sim.engine.market('lighter', SYMBOL)!.stepSize;
    x.counterpartyTake('lighter', 'buy', maker.intent.price, Number(toIncrements(part, lighterStep, 'exact')));
    await pollUntil(() => compareDecimal(legFilled(x, pairSeq, 1), part) === 0, { what: 'partial hedged' });
    expect(x.executor.cancelEntry(pairSeq)).toBe(true);
    expect(x.executor.cancelEntry(pairSeq + 1)).toBe(false);
    const r = await entry;
    expect(r.outcome).toBe('opened');
    expect(r.reason).toMatch(/cancelled by the user/);
    expect(compareDecimal(r.legSizes[0], part)).toBe(0);
    expect(compareDecimal(r.legSizes[1], part)).toBe(0);
    expect(x.tracker.get(maker.intent.clientOrderId)?.order.state).toBe('canceled');
    expect(x.executor.active()).toEqual([]);
  });

  it('a book that moves away is followed by cancel-and-replace at the new touch', async () => {
    h = await pairHarness();
    const x = h;
    const entry = x.executor.enter(x.request());
    const pairSeq = await eventually(() => x.executor.active()[0], 'entry started');
    const first = await eventually(() => liveMaker(x, pairSeq), 'maker order live');
    const m = x.sim.engine.market('lighter', SYMBOL)!;
    const ours = Number(toIncrements(first.intent.price, m.tickSize, 'exact'));
    // The market moves up 20 bps (far beyond the model's noise over one step): the book
    // regenerates above our bid, which is no longer the touch.
    const mid = x.sim.engine.model.mids.get(SYMBOL)!;
    x.sim.engine.model.mids.set(SYMBOL, mid * 1.002);
    x.sim.engine.step();
    const newBid = x.sim.engine.book('lighter', SYMBOL).bestBid()!;
    expect(newBid).toBeGreaterThan(ours);
    const second = await eventually(() => {
      const o = liveMaker(x, pairSeq);
      return o !== undefined && o.intent.clientOrderId !== first.intent.clientOrderId ? o : undefined;
    }, 'replacement maker order');
    expect(Number(toIncrements(second.intent.price, m.tickSize, 'exact'))).toBeGreaterThan(ours);
    expect(second.intent.attempt).toBe(1);
    expect(x.tracker.get(first.intent.clientOrderId)?.order.state).toBe('canceled');
    x.counterpartyTake('lighter', 'buy', second.intent.price, Number(toIncrements(second.intent.size, m.stepSize, 'exact')) + 10);
    const r = await entry;
    expect(r).toMatchObject({ outcome: 'opened', reason: 'opened' });
  });

  it('the gate refuses the open: refused before any order, attempt recorded', async () => {
    h = await pairHarness();
    const x = h;
    x.gate = (check) => (check.effect === 'open' ? { allowed: false, reason: 'trading is REDUCING' } : { allowed: true });
    const r = await x.executor.enter(x.request());
    expect(r).toMatchObject({ outcome: 'refused', reason: 'gate: trading is REDUCING', pairSeq: null, cooldownSymbol: null });
    expect(x.attempts()).toEqual([expect.objectContaining({ outcome: 'refused', reason: 'gate: trading is REDUCING', pair_id: null })]);
    expect(x.ledger.unresolvedIntents()).toEqual([]);
  });

  it('a size below both venues\' minimum is refused, naming the bound, before leverage or any order', async () => {
    h = await pairHarness();
    const x = h;
    const r = await x.executor.enter(x.request({ capacityBase: '0' }));
    expect(r.outcome).toBe('refused');
    expect(r.reason).toMatch(/allowed by capacity is below the minimum/);
    expect(x.sim.engine.account('lighter', String(x.sim.demo.lighter.accountIndex))!.leverage.has(SYMBOL)).toBe(false);
    expect(x.simFills('lighter')).toHaveLength(0);
  });

  it('a hedge whose outcome is unknown (venue down) is never re-sent: the entry ends broken inside its deadline', async () => {
    h = await pairHarness();
    const x = h;
    // The venue stays down past the entry's deadline: the hedge is waited for until then.
    x.settings = testSettings({ hedgeAttemptTimeoutMs: 1_000, entryDeadlineMs: 10_000 });
    const entry = x.executor.enter(x.request());
    const pairSeq = await eventually(() => x.executor.active()[0], 'entry started');
    const maker = await eventually(() => liveMaker(x, pairSeq), 'maker order live');
    x.sim.faults.setDown('extended', true);
    const m = x.sim.engine.market('lighter', SYMBOL)!;
    x.counterpartyTake('lighter', 'buy', maker.intent.price, Number(toIncrements(maker.intent.size, m.stepSize, 'exact')));
    const r = await entry;
    x.sim.faults.setDown('extended', false);
    expect(r.outcome).toBe('broken');
    expect(r.cooldownSymbol).toBe(SYMBOL);
    expect(x.pairState(pairSeq)).toBe('broken');
    // One hedge intent, never a second send of it or a new one while it is unresolved.
    const hedges = x.ledger.intentsOfPair(pairSeq).filter((i) => i.leg === 1);
    expect(hedges).toHaveLength(1);
    expect(x.ledger.unresolvedIntents().map((i) => i.clientOrderId)).toContain(hedges[0]!.clientOrderId);
    // No rollback was sent against an unknown hedge: leg 0 is left for reconciliation.
    expect(x.ledger.intentsOfPair(pairSeq).filter((i) => i.purpose === 'rollback')).toEqual([]);
    expect(x.attempts().at(-1)).toMatchObject({ outcome: 'broken', pair_id: pairSeq });
  });
});
