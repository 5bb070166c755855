// The hedger when a hedge IOC does not simply fill: refused before matching (429), lost and
// judged never arrived, lost with no verdict until a late fill, a venue that refuses every
// hedge. The real FSM and ledger under a scripted venue on a manual clock; the same cases run
// over the simulator in tests/integration/execution/pair-entry-faults.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { tradingDefaults } from '../../../src-core/config/trading';
import { HEDGE_RETRY_PAUSE_MAX_MS, HEDGE_RETRY_PAUSE_MS, HEDGE_UNSENT_MAX } from '../../../src-core/execution/hedger';
import type { TrackedOrder } from '../../../src-core/execution/tracker-types';
import { bench, flush, type Bench } from './helpers/scripted-tracker';
import { isHedge, makerFilled, settle } from './helpers/executor-bench';

let b: Bench | null = null;
afterEach(() => {
  b?.cleanup();
  b = null;
});

const hedges = (x: Bench) => x.tracker.ordersOf(isHedge);

const fillIt = (o: TrackedOrder, t: Bench['tracker']) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);

describe('hedger: hedges that do not simply fill', () => {
  it('a 429 is retried on the same rung after a pause, not sooner; the pair opens with one filled hedge', async () => {
    b = bench();
    const x = b;
    let n = 0;
    x.tracker.script = (o, t) => {
      if (!isHedge(o)) return;
      n += 1;
      if (n === 1) t.reject(o.intent.clientOrderId, 'rate-limited');
      else fillIt(o, t);
    };
    const { p } = await makerFilled(x);
    expect(hedges(x)).toHaveLength(1);
    x.clock.advance(HEDGE_RETRY_PAUSE_MS - 1);
    await flush();
    expect(hedges(x)).toHaveLength(1);
    x.clock.advance(1);
    const r = await settle(p);
    expect(r).toMatchObject({ outcome: 'opened', reason: 'opened' });
    const [first, second] = hedges(x);
    expect(second!.intent.price).toBe(first!.intent.price);
    expect(second!.intent.attempt).toBe(first!.intent.attempt + 1);
  });

  it('a lost hedge is judged: "never arrived" settles it unfilled and the rest is hedged anew on the same rung', async () => {
    b = bench();
    const x = b;
    x.tracker.verdict = () => 'never-arrived';
    let n = 0;
    x.tracker.script = (o, t) => {
      if (!isHedge(o)) return;
      n += 1;
      if (n === 1) t.lose(o.intent.clientOrderId);
      else fillIt(o, t);
    };
    const { p } = await makerFilled(x);
    x.clock.advance(HEDGE_RETRY_PAUSE_MS);
    const r = await settle(p);
    expect(r).toMatchObject({ outcome: 'opened', reason: 'opened' });
    const [first, second] = hedges(x);
    expect(first!.order).toMatchObject({ state: 'rejected', rejectReason: 'never-arrived', filledSize: '0' });
    expect(second!.intent.price).toBe(first!.intent.price);
    expect(second!.order.state).toBe('filled');
  });

  it('a lost hedge with no verdict is judged again each check interval and never re-sent; a late fill resolves it', async () => {
    b = bench();
    const x = b;
    let judged = 0;
    x.tracker.verdict = () => {
      judged += 1;
      return null;
    };
    x.tracker.script = (o, t) => {
      if (isHedge(o)) t.lose(o.intent.clientOrderId);
    };
    const { p, ended } = await makerFilled(x);
    expect(judged).toBe(1);
    x.clock.advance(tradingDefaults.inFlightCheckIntervalMs - 1);
    await flush();
    expect(judged).toBe(1);
    x.clock.advance(1);
    await flush();
    expect(judged).toBe(2);
    expect(ended()).toBe(false);
    expect(hedges(x)).toHaveLength(1);
    // The venue's fill shows up after all (a lost order is not terminal).
    const [lost] = hedges(x);
    fillIt(lost!, x.tracker);
    const r = await settle(p);
    expect(r).toMatchObject({ outcome: 'opened', reason: 'opened' });
    expect(hedges(x)).toHaveLength(1);
  });

  it(`a venue that refuses every hedge before matching: ${HEDGE_UNSENT_MAX + 1} tries with doubling pauses, then the hedge fails and the maker fill is rolled back`, async () => {
    b = bench();
    const x = b;
    x.tracker.script = (o, t) => {
      if (isHedge(o)) t.reject(o.intent.clientOrderId, 'rate-limited');
      if (o.intent.purpose === 'rollback') fillIt(o, t);
    };
    const { p } = await makerFilled(x);
    const pauses: number[] = [];
    for (let i = 1; i <= HEDGE_UNSENT_MAX; i++) pauses.push(Math.min(HEDGE_RETRY_PAUSE_MS * 2 ** (i - 1), HEDGE_RETRY_PAUSE_MAX_MS));
    for (const [i, ms] of pauses.entries()) {
      expect(hedges(x)).toHaveLength(i + 1);
      x.clock.advance(ms);
      await flush();
    }
    const r = await settle(p);
    expect(hedges(x)).toHaveLength(HEDGE_UNSENT_MAX + 1);
    expect(new Set(hedges(x).map((o) => o.intent.price)).size).toBe(1);
    expect(r.outcome).toBe('rolled-back');
    expect(r.reason).toMatch(new RegExp(`hedge IOC refused before matching ${HEDGE_UNSENT_MAX + 1} times in a row \\(last: rate-limited\\)`));
    expect(r.rollback).toMatchObject({ closedSize: '0.17', leftSize: '0' });
  });
});
