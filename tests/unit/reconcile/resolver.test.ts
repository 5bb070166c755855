// The resolver's split: safe fixes always automatic; each destructive kind automatic only with its
// opt-in; a "don't close" (an opt-in off, a protected market, another discrepancy in the same
// market waiting) is never overridden (upstream B17); a zombie keeps its PnL and fees (B19).
import { describe, expect, it } from 'vitest';
import { reconcileDefaults } from '../../../src-core/config/reconcile';
import { diffReconcile } from '../../../src-core/reconcile/diff';
import type { DiffResult } from '../../../src-core/reconcile/discrepancy';
import { resolvePlan, type PlannedFix, type ResolverSettings } from '../../../src-core/reconcile/resolver';
import { cid, ethPair, failedSnapshot, fill, okSnapshot, openOrder, order, payment, position, T0, TOLERANCE, view } from './helpers';

const ALL_OFF: ResolverSettings = reconcileDefaults;
const OPT_INS = ['autoCloseNakedLegs', 'autoCloseForeignPositions', 'autoCancelForeignOrders', 'autoCancelStaleOwnOrders', 'autoCloseZombiePairs'] as const;
const ALL_ON: ResolverSettings = { ...ALL_OFF, ...Object.fromEntries(OPT_INS.map((k) => [k, true])) };
const ZOMBIE_PNL = { realizedPnlUsd: '-2.5', fundingReceivedUsd: '4.125', fundingPaidUsd: '0', feesUsd: '0.84', netUsd: '0.785' };

/** One of every discrepancy the resolver splits, found by the real diff:
 *  - pair 0 ETH: 0.06 recorded + 0.04 unrecorded on Lighter, Extended never filled (naked 0.1);
 *  - a funding payment on Lighter ETH the ledger lacks;
 *  - an IOC of pair 5 in LINK never seen (never arrived); an order of pair 6 in AVAX older than the
 *    fill window (lost);
 *  - 0.002 BTC on Lighter built by a manual order (not ours); a manual SOL order resting on Lighter;
 *  - an exit order of ours (pair 9) in ADA resting on Extended that the ledger does not hold;
 *  - pair 1 XRP open in the ledger, flat on both venues (zombie);
 *  - pair 2 SUI: Extended holds −12 against the ledger's −10 (review). */
function everything(): DiffResult {
  const own = fill('lighter', { venueFillId: 'f-own', clientOrderId: cid(0, 0, 'entry', 1), size: '0.04' });
  const manual = fill('lighter', { venueFillId: 'm-1', symbol: 'BTC', clientOrderId: null, venueOrderId: 'manual-1', size: '0.002', price: '100000' });
  const lighter = okSnapshot('lighter', {
    positions: [position('lighter', '0.1'), position('lighter', '0.002', 100_000, 'BTC'), position('lighter', '10', 3, 'SUI')],
    fills: [own, manual],
    fundingPayments: [payment('lighter', T0 + 3_600_000, '-0.0021')],
    openOrders: [openOrder('lighter', { symbol: 'SOL', clientOrderId: 'sol-manual', venueOrderId: 'm-2' })],
  });
  const extended = okSnapshot('extended', {
    positions: [position('extended', '-12', 3, 'SUI')],
    openOrders: [openOrder('extended', { symbol: 'ADA', clientOrderId: cid(9, 1, 'exit'), venueOrderId: 'x-9', side: 'buy' })],
  });
  const v = view({
    pairs: [
      ethPair({ state: 'opening', longSize: '0.06', shortSize: '0' }),
      ethPair({ pairSeq: 1, symbol: 'XRP', pnl: ZOMBIE_PNL }),
      ethPair({ pairSeq: 2, symbol: 'SUI', longSize: '10', shortSize: '-10' }),
    ],
    orders: [
      order({ state: 'submitted', pairSeq: 5, intentId: 50, symbol: 'LINK', tif: 'ioc', clientOrderId: cid(5, 0, 'hedge') }),
      order({ state: 'submitted', pairSeq: 6, leg: 1, intentId: 60, symbol: 'AVAX', createdAtMs: T0 - 5_000, clientOrderId: cid(6, 1, 'hedge') }),
    ],
  });
  return diffReconcile([lighter, extended], v, TOLERANCE);
}

const summary = (fixes: readonly PlannedFix[]) =>
  fixes.map((f) => {
    const a = f.action;
    switch (a.kind) {
      case 'close-position':
        return `close ${a.why} ${a.venue} ${a.symbol}`;
      case 'cancel-order':
        return `cancel ${a.why} ${a.venue} ${a.symbol}`;
      case 'close-zombie-pair':
        return `zombie ${a.pairSeq}`;
      default:
        return a.kind;
    }
  });

const DESTRUCTIVE: Record<(typeof OPT_INS)[number], string> = {
  autoCloseNakedLegs: 'close naked-leg lighter ETH',
  autoCloseForeignPositions: 'close not-ours lighter BTC',
  autoCancelForeignOrders: 'cancel foreign lighter SOL',
  autoCancelStaleOwnOrders: 'cancel stale-own extended ADA',
  autoCloseZombiePairs: 'zombie 1',
};
const SAFE = ['record-fill', 'record-funding', 'resolve-order', 'mark-lost'];

describe('resolvePlan: the split', () => {
  it('the scenario holds one discrepancy of each kind the resolver splits', () => {
    expect(everything().discrepancies.map((d) => d.kind).sort()).toEqual(
      ['foreign-order', 'in-flight-resolved', 'in-flight-unresolved', 'naked-leg', 'position-not-ours', 'size-mismatch', 'stale-own-order', 'unrecorded-fill', 'unrecorded-funding', 'zombie-pair'].sort(),
    );
  });

  it('with the defaults (every opt-in off): only the safe fixes are automatic, in their order; the rest waits', () => {
    const plan = resolvePlan(everything(), ALL_OFF);
    expect(summary(plan.automatic)).toEqual(SAFE);
    expect(summary(plan.awaitingDecision).sort()).toEqual([...Object.values(DESTRUCTIVE), 'review'].sort());
    expect(plan.skipped).toEqual([]);
    expect(plan.complete).toBe(true);
  });

  it.each(OPT_INS)('%s on (the others off) makes exactly its kind automatic', (key) => {
    const plan = resolvePlan(everything(), { ...ALL_OFF, [key]: true });
    expect(summary(plan.automatic)).toEqual([...SAFE, DESTRUCTIVE[key]]);
    expect(summary(plan.awaitingDecision)).not.toContain(DESTRUCTIVE[key]);
    expect(plan.awaitingDecision).toHaveLength(5);
  });

  it.each(OPT_INS)('every opt-in on except %s: its kind still waits (no setting overrides a "don\'t", B17)', (key) => {
    const plan = resolvePlan(everything(), { ...ALL_ON, [key]: false });
    const waiting = plan.awaitingDecision.find((f) => summary([f])[0] === DESTRUCTIVE[key]);
    expect(waiting?.why).toBe(`${key} is off: the trader decides`);
    expect(summary(plan.automatic)).not.toContain(DESTRUCTIVE[key]);
  });

  it('a size mismatch is always for the trader, whatever the opt-ins', () => {
    const plan = resolvePlan(everything(), ALL_ON);
    expect(summary(plan.awaitingDecision)).toEqual(['review']);
  });

  it('a zombie closed automatically keeps its realized PnL and fees (B19), never 0', () => {
    const plan = resolvePlan(everything(), { ...ALL_OFF, autoCloseZombiePairs: true });
    const zombie = plan.automatic.find((f) => f.action.kind === 'close-zombie-pair')!;
    expect(zombie.action).toEqual({ kind: 'close-zombie-pair', pairSeq: 1, toState: 'closed', reason: 'reconciliation-zombie', keptPnl: ZOMBIE_PNL });
  });
});

describe('resolvePlan: "don\'t close" precedence', () => {
  it('a protected market is never touched automatically, even with its opt-in on', () => {
    const plan = resolvePlan(everything(), { ...ALL_ON, protectedSymbols: ['BTC', 'SOL'] });
    expect(summary(plan.awaitingDecision).sort()).toEqual(['cancel foreign lighter SOL', 'close not-ours lighter BTC', 'review']);
    expect(plan.awaitingDecision.find((f) => f.action.kind === 'close-position')?.why).toBe('BTC is a protected market: never touched without asking');
    expect(summary(plan.automatic)).toContain('close naked-leg lighter ETH');
  });

  it('a market with a discrepancy waiting for the trader holds back an opted-in close there', () => {
    // Naked leg 0.1 on Lighter ETH, but the venue holds 0.15: the 0.05 beyond it is a mismatch.
    const diff = diffReconcile(
      [okSnapshot('lighter', { positions: [position('lighter', '0.15')] }), okSnapshot('extended')],
      view({ pairs: [ethPair({ state: 'opening', shortSize: '0' })] }),
      TOLERANCE,
    );
    expect(diff.discrepancies.map((d) => d.kind)).toEqual(['naked-leg', 'size-mismatch']);
    const plan = resolvePlan(diff, { ...ALL_OFF, autoCloseNakedLegs: true });
    expect(plan.automatic).toEqual([]);
    expect(plan.awaitingDecision.map((f) => f.why)).toEqual(['another discrepancy in lighter|ETH waits for the trader: this one waits too', 'no automatic fix: the trader decides']);
  });

  it('one held close does not hold back a close in another market', () => {
    const plan = resolvePlan(everything(), { ...ALL_ON, autoCloseForeignPositions: false });
    expect(summary(plan.automatic)).toContain('close naked-leg lighter ETH');
  });
});

describe('resolvePlan: incomplete reconciliation', () => {
  it('a venue that could not be read is skipped and the plan incomplete; the other venue\'s safe fixes still apply', () => {
    const p = payment('extended', T0 + 3_600_000, '0.00375');
    const diff = diffReconcile([failedSnapshot('lighter', 'timeout'), okSnapshot('extended', { fundingPayments: [p] })], view(), TOLERANCE);
    const plan = resolvePlan(diff, ALL_ON);
    expect(plan.complete).toBe(false);
    expect(plan.skipped).toEqual([expect.objectContaining({ action: { kind: 'skip-venue', venue: 'lighter' }, why: 'lighter could not be read: nothing about it is concluded' })]);
    expect(summary(plan.automatic)).toEqual(['record-funding']);
  });

  it('fills are recorded before the order they complete is resolved, whatever the diff order', () => {
    const diff = everything();
    const reversed: DiffResult = { ...diff, discrepancies: [...diff.discrepancies].reverse() };
    expect(summary(resolvePlan(reversed, ALL_OFF).automatic)).toEqual(SAFE);
  });
});

describe('purity', () => {
  function deepFreeze<T>(o: T): T {
    if (o !== null && typeof o === 'object' && !Object.isFrozen(o)) {
      Object.freeze(o);
      for (const v of Object.values(o as object)) deepFreeze(v);
    }
    return o;
  }

  it('the diff and the plan change nothing they are given and give the same answer twice', () => {
    const snaps = deepFreeze([okSnapshot('lighter', { positions: [position('lighter', '0.1')], fills: [fill('lighter', { venueFillId: 'f-1', clientOrderId: cid(0, 0), size: '0.04' })] }), okSnapshot('extended')]);
    const v = view({ pairs: [ethPair({ state: 'opening', longSize: '0.06', shortSize: '0' })] });
    deepFreeze(v.pairs);
    const first = diffReconcile(snaps, v, TOLERANCE);
    expect(diffReconcile(snaps, v, TOLERANCE)).toEqual(first);
    deepFreeze(first);
    expect(resolvePlan(first, ALL_ON)).toEqual(resolvePlan(first, ALL_ON));
    expect(summary(resolvePlan(first, ALL_ON).automatic)).toEqual(['record-fill', 'close naked-leg lighter ETH']);
  });
});
