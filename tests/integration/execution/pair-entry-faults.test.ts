// The pair entry when the hedge venue misbehaves between the legs: its streams drop, it answers
// 429 or 5xx, its answer is lost after it executed, it drops a sendTx, it is down for 30 s. Each
// scenario ends with both legs equal on the venues and the ledger equal to the simulator's
// account truth, and no hedge is ever sent twice: an unknown hedge is waited for and resolved
// (stream, readback, or the verdict on a lost IOC), and only then is the remainder hedged anew.
// The maker rests on Lighter and the hedge goes to Extended unless a test says otherwise.
import { afterEach, describe, expect, it } from 'vitest';
import type { VenueId } from '../../../src-core/domain/venue';
import type { IntentRecord } from '../../../src-core/ledger/types';
import { expectHedgedAt, liveMaker, pairSeqOf, steps } from './pair-asserts';
import { eventually, pairHarness, type PairHarness, type PairHarnessOptions } from './pair-harness';

const ORDER_ROUTE = '/api/v1/user/order';
/** Short in-flight checks for the lost-order scenarios (same rule, sooner verdict). */
const QUICK_CHECKS: PairHarnessOptions = { inFlight: { checkIntervalMs: 300, thresholdMs: 1_000, maxRetries: 3 } };

let h: PairHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** Starts an entry, waits for its maker to rest, runs `between` (the fault), then fills the
 *  maker completely from the counterparty and returns the entry's result. */
async function fillMakerAfter(x: PairHarness, between: () => void) {
  const entry = x.executor.enter(x.request());
  const pairSeq = await eventually(() => pairSeqOf(x), 'entry started');
  const maker = await eventually(() => liveMaker(x, pairSeq), 'maker order live');
  between();
  const makerVenue: VenueId = maker.intent.venue;
  x.counterpartyTake(makerVenue, maker.intent.side, maker.intent.price, steps(x, makerVenue, maker.intent.size));
  const r = await entry;
  return { r, pairSeq, maker };
}

function hedgesOf(x: PairHarness, pairSeq: number): readonly IntentRecord[] {
  return x.ledger.intentsOfPair(pairSeq).filter((i) => i.leg === 1 && i.purpose === 'hedge');
}

const stateOf = (x: PairHarness, i: IntentRecord) => x.tracker.get(i.clientOrderId)!.order;

describe('pair entry: the hedge venue fails between the legs', () => {
  it('its streams drop as the maker fills: the hedge goes out over REST, its fill is recovered, the pair opens', async () => {
    h = await pairHarness();
    const x = h;
    // The moment the maker's fill reaches the tracker, before the hedger sends: every Extended
    // WebSocket (order book and account stream) is closed by the venue.
    const off = x.tracker.onFill((f) => {
      if (f.intent.leg === 0) x.sim.faults.disconnect('extended');
    });
    const { r, pairSeq } = await fillMakerAfter(x, () => undefined);
    off();
    expect(r).toMatchObject({ outcome: 'opened', reason: 'opened', rollback: null });
    const hedges = hedgesOf(x, pairSeq);
    expect(hedges.length).toBeGreaterThanOrEqual(1);
    expect(new Set(hedges.map((i) => i.clientOrderId)).size).toBe(hedges.length);
    expectHedgedAt(x, pairSeq, r.targetSize!);
  });

  it('429 on the hedge: refused before matching, retried on the SAME rung (no extra slippage), one hedge fills', async () => {
    h = await pairHarness();
    const x = h;
    const { r, pairSeq } = await fillMakerAfter(x, () => x.sim.faults.burst429('extended', 2, ORDER_ROUTE));
    expect(r).toMatchObject({ outcome: 'opened', reason: 'opened', rollback: null });
    const hedges = hedgesOf(x, pairSeq);
    expect(hedges).toHaveLength(3);
    expect(hedges.slice(0, 2).map((i) => [stateOf(x, i).state, stateOf(x, i).rejectReason, stateOf(x, i).filledSize])).toEqual([
      ['rejected', 'rate-limited', '0'],
      ['rejected', 'rate-limited', '0'],
    ]);
    expect(stateOf(x, hedges[2]!).state).toBe('filled');
    // A refusal says nothing about liquidity: the price did not climb the ladder.
    expect(new Set(hedges.map((i) => i.price)).size).toBe(1);
    expectHedgedAt(x, pairSeq, r.targetSize!);
  });

  it('503 on the hedge (it never reached the engine): unknown, never re-sent; lost, judged never arrived, then hedged anew', async () => {
    h = await pairHarness(QUICK_CHECKS);
    const x = h;
    const { r, pairSeq } = await fillMakerAfter(x, () => x.sim.faults.failHttp('extended', 1, 503, true, ORDER_ROUTE));
    expect(r).toMatchObject({ outcome: 'opened', reason: 'opened', rollback: null });
    const hedges = hedgesOf(x, pairSeq);
    expect(hedges).toHaveLength(2);
    const first = stateOf(x, hedges[0]!);
    expect(first).toMatchObject({ state: 'rejected', rejectReason: 'never-arrived', filledSize: '0', unknownSends: 1 });
    expect(stateOf(x, hedges[1]!).state).toBe('filled');
    // The second hedge is a new order (new client id), on the same rung: not a re-send.
    expect(hedges[1]!.clientOrderId).not.toBe(hedges[0]!.clientOrderId);
    expect(hedges[1]!.price).toBe(hedges[0]!.price);
    expectHedgedAt(x, pairSeq, r.targetSize!);
  });

  it('the hedge executes but its answer is lost (timeout): resolved from the stream, exactly one hedge order', async () => {
    h = await pairHarness();
    const x = h;
    // The adapter gives up on an order reply after 5 s (pair-harness orderTimeoutMs); the
    // simulator executes at once and holds the reply for 8 s.
    const { r, pairSeq } = await fillMakerAfter(x, () => x.sim.faults.setResponseDelay('extended', ORDER_ROUTE, 8_000));
    x.sim.faults.setResponseDelay('extended', ORDER_ROUTE, 0);
    expect(r).toMatchObject({ outcome: 'opened', reason: 'opened', rollback: null });
    const hedges = hedgesOf(x, pairSeq);
    expect(hedges).toHaveLength(1);
    // The stream reported the fill before the send gave up, so the late 'unknown' changes nothing.
    expect(stateOf(x, hedges[0]!)).toMatchObject({ state: 'filled', filledSize: hedges[0]!.size });
    expectHedgedAt(x, pairSeq, r.targetSize!);
  });

  it('a dropped sendTx on a Lighter hedge: queued, never executed, lost, judged never arrived, hedged anew', async () => {
    h = await pairHarness(QUICK_CHECKS);
    const x = h;
    // The maker rests on Extended (short), so the hedge is a Lighter buy IOC.
    x.settings = { ...x.settings, makerVenue: 'extended' };
    const { r, pairSeq, maker } = await fillMakerAfter(x, () => x.sim.faults.dropSendTx('lighter', 1));
    expect(maker.intent.venue).toBe('extended');
    expect(r).toMatchObject({ outcome: 'opened', reason: 'opened', rollback: null });
    const hedges = hedgesOf(x, pairSeq);
    expect(hedges).toHaveLength(2);
    expect(hedges.every((i) => i.venue === 'lighter')).toBe(true);
    expect(stateOf(x, hedges[0]!)).toMatchObject({ state: 'rejected', rejectReason: 'never-arrived', filledSize: '0' });
    expect(stateOf(x, hedges[1]!).state).toBe('filled');
    expectHedgedAt(x, pairSeq, r.targetSize!);
  });

  it('the hedge venue is down for 30 s: the hedge is held unknown, never re-sent; once the venue is back it is resolved and the pair opens', async () => {
    h = await pairHarness();
    const x = h;
    let upAgainAt: number | null = null;
    const off = x.tracker.onFill((f) => {
      if (f.intent.leg !== 0 || upAgainAt !== null) return;
      // The outage is the scenario's input (30 s of a venue refusing everything), not a wait.
      x.sim.faults.setDown('extended', true);
      upAgainAt = performance.now() + 30_000;
      setTimeout(() => x.sim.faults.setDown('extended', false), 30_000);
    });
    const { r, pairSeq } = await fillMakerAfter(x, () => undefined);
    off();
    expect(upAgainAt).not.toBeNull();
    // It only ended after the venue came back: nothing was concluded while it was down.
    expect(performance.now()).toBeGreaterThanOrEqual(upAgainAt!);
    expect(r).toMatchObject({ outcome: 'opened', reason: 'opened', rollback: null });
    const hedges = hedgesOf(x, pairSeq);
    // The first hedge met the outage (a 503: outcome unknown), was held until the venue answered
    // again, then judged never arrived; the second, a new order on the same rung, filled.
    expect(hedges).toHaveLength(2);
    expect(stateOf(x, hedges[0]!)).toMatchObject({ state: 'rejected', rejectReason: 'never-arrived', filledSize: '0', unknownSends: 1 });
    expect(stateOf(x, hedges[1]!).state).toBe('filled');
    expect(hedges[1]!.price).toBe(hedges[0]!.price);
    expectHedgedAt(x, pairSeq, r.targetSize!);
  });
});
