// The diff's position checks, one table row per case with worked numbers: naked leg, zombie pair,
// size mismatch (steps and USD), a position not ours, and a venue that could not be read.
import { describe, expect, it } from 'vitest';
import { diffReconcile } from '../../../src-core/reconcile/diff';
import type { Discrepancy } from '../../../src-core/reconcile/discrepancy';
import { agreeingSnapshots, cid, ethPair, failedSnapshot, fill, okSnapshot, openOrder, order, position, T0, TOLERANCE, view } from './helpers';

const kinds = (ds: readonly Discrepancy[]) => ds.map((d) => d.kind);

describe('diff: agreement', () => {
  it('Lighter market index 0 (ETH) and pair 0 agreeing on both venues: nothing to report', () => {
    const r = diffReconcile(agreeingSnapshots(), view({ pairs: [ethPair()] }), TOLERANCE);
    expect(r).toEqual({ discrepancies: [], complete: true, skippedVenues: [] });
  });

  it('an ETH mismatch on Lighter is measured in the ETH market (index 0) step, not treated as an unknown market', () => {
    const [l, x] = agreeingSnapshots();
    const r = diffReconcile([{ ...l, positions: [position('lighter', '0.1004')] }, x], view({ pairs: [ethPair()] }), TOLERANCE);
    expect(r.discrepancies).toEqual([expect.objectContaining({ kind: 'size-mismatch', venue: 'lighter', symbol: 'ETH', deltaSteps: '4', deltaUsd: '1.2' })]);
  });
});

describe('diff: size mismatch', () => {
  it.each([
    // [lighter size, tolerance, reported?, why]
    ['0.1001', { sizeMismatchMinSteps: 1, sizeMismatchToleranceUsd: 0 }, true, 'exactly one step (0.0001 ETH = 0.30 USD) with no USD tolerance'],
    ['0.1001', { sizeMismatchMinSteps: 1, sizeMismatchToleranceUsd: 1 }, false, 'one step is worth 0.30 USD: tolerated'],
    ['0.1001', { sizeMismatchMinSteps: 2, sizeMismatchToleranceUsd: 0 }, false, 'one step when two are needed'],
    ['0.10005', { sizeMismatchMinSteps: 1, sizeMismatchToleranceUsd: 0 }, false, 'half a step: cannot be traded away'],
    ['0.10034', { sizeMismatchMinSteps: 1, sizeMismatchToleranceUsd: 1 }, true, '3 whole steps, 1.02 USD: above 1 USD'],
    ['0.10033', { sizeMismatchMinSteps: 1, sizeMismatchToleranceUsd: 1 }, false, '0.00033 × 3000 = 0.99 USD'],
  ] as const)('Lighter holds %s against the ledger 0.1 with %o → %s (%s)', (size, tolerance, reported, _why) => {
    const [l, x] = agreeingSnapshots();
    const r = diffReconcile([{ ...l, positions: [position('lighter', size)] }, x], view({ pairs: [ethPair()] }), tolerance);
    expect(kinds(r.discrepancies)).toEqual(reported ? ['size-mismatch'] : []);
  });

  it('reports both sizes, the delta in size, steps and USD, and proposes a review', () => {
    const [l, x] = agreeingSnapshots();
    const r = diffReconcile([l, { ...x, positions: [position('extended', '-0.09')] }], view({ pairs: [ethPair()] }), TOLERANCE);
    expect(r.discrepancies).toEqual([
      {
        kind: 'size-mismatch',
        venue: 'extended',
        symbol: 'ETH',
        venueSize: '-0.09',
        ledgerSize: '-0.1',
        deltaSize: '0.01',
        deltaSteps: '10',
        deltaUsd: '30',
        action: { kind: 'review', why: expect.stringContaining('-0.09') },
      },
    ]);
  });

  it('the mark of the position prices the delta; without a position the market mark does; with neither, the steps alone decide', () => {
    const [l, x] = agreeingSnapshots();
    const zero = { sizeMismatchMinSteps: 1, sizeMismatchToleranceUsd: 0 };
    const atMark = diffReconcile([{ ...l, positions: [position('lighter', '0.1004', 2000)] }, x], view({ pairs: [ethPair()] }), zero);
    expect(atMark.discrepancies).toEqual([expect.objectContaining({ kind: 'size-mismatch', deltaUsd: '0.8' })]);
    const flat = diffReconcile([{ ...l, positions: [], markets: [{ symbol: 'ETH', marketIndex: 0, stepSize: '0.0001', markPrice: 2500 }] }, x], view({ pairs: [ethPair()] }), zero);
    expect(flat.discrepancies).toEqual([expect.objectContaining({ kind: 'size-mismatch', venueSize: '0', deltaSteps: '1000', deltaUsd: '250' })]);
    const noMark = diffReconcile(
      [{ ...l, positions: [position('lighter', '0.1004', Number.NaN)], markets: [{ symbol: 'ETH', marketIndex: 0, stepSize: '0.0001', markPrice: null }] }, x],
      view({ pairs: [ethPair()] }),
      TOLERANCE,
    );
    expect(noMark.discrepancies).toEqual([expect.objectContaining({ kind: 'size-mismatch', deltaSteps: '4', deltaUsd: null })]);
  });

  it('a market the venue lists no metadata for is compared by USD alone (step unknown), never skipped', () => {
    const [l, x] = agreeingSnapshots();
    const r = diffReconcile([{ ...l, positions: [position('lighter', '0.2')], markets: [] }, x], view({ pairs: [ethPair()] }), TOLERANCE);
    expect(r.discrepancies).toEqual([expect.objectContaining({ kind: 'size-mismatch', deltaSteps: null, deltaUsd: '300' })]);
  });

  it('unrecorded fills of ours count toward the ledger side: the venue agrees once they are recorded', () => {
    const [l, x] = agreeingSnapshots();
    const extra = fill('lighter', { venueFillId: 'f-9', clientOrderId: cid(0, 0, 'entry', 1), size: '0.05' });
    const r = diffReconcile([{ ...l, positions: [position('lighter', '0.15')], fills: [extra] }, x], view({ pairs: [ethPair()] }), TOLERANCE);
    expect(kinds(r.discrepancies)).toEqual(['unrecorded-fill']);
  });
});

describe('diff: naked leg (a crash between legs, upstream B18)', () => {
  it('leg 0 filled 0.1 on Lighter, leg 1 never placed: close 0.1 reduce-only on Lighter', () => {
    const r = diffReconcile(
      [okSnapshot('lighter', { positions: [position('lighter', '0.1')] }), okSnapshot('extended')],
      view({ pairs: [ethPair({ state: 'opening', shortSize: '0' })] }),
      TOLERANCE,
    );
    expect(r.discrepancies).toEqual([
      {
        kind: 'naked-leg',
        pairSeq: 0,
        venue: 'lighter',
        symbol: 'ETH',
        positionSide: 'long',
        legSize: '0.1',
        action: { kind: 'close-position', why: 'naked-leg', venue: 'lighter', symbol: 'ETH', side: 'sell', size: '0.1', pairSeq: 0 },
      },
    ]);
  });

  it('leg 1 has no row at all (its intent was never written: the crash came first): still naked, the other venue read as the pair\'s', () => {
    const pair = ethPair({ state: 'opening' });
    const r = diffReconcile([okSnapshot('lighter', { positions: [position('lighter', '0.1')] }), okSnapshot('extended')], view({ pairs: [{ ...pair, legs: pair.legs.filter((l) => l.leg === 0) }] }), TOLERANCE);
    expect(kinds(r.discrepancies)).toEqual(['naked-leg']);
    expect(r.discrepancies[0]!.action).toEqual({ kind: 'close-position', why: 'naked-leg', venue: 'lighter', symbol: 'ETH', side: 'sell', size: '0.1', pairSeq: 0 });
    // The other venue not read: not judged (a failed query is never flat).
    const failed = diffReconcile([okSnapshot('lighter', { positions: [position('lighter', '0.1')] }), failedSnapshot('extended')], view({ pairs: [{ ...pair, legs: pair.legs.filter((l) => l.leg === 0) }] }), TOLERANCE);
    expect(kinds(failed.discrepancies)).not.toContain('naked-leg');
  });

  it('a short leg left alone on Extended closes with a buy; the fill that made it may still be unrecorded', () => {
    const f = fill('extended', { venueFillId: 'x-1', clientOrderId: cid(3, 1, 'hedge'), side: 'sell', size: '0.1' });
    const r = diffReconcile(
      [okSnapshot('lighter'), okSnapshot('extended', { positions: [position('extended', '-0.1')], fills: [f] })],
      view({ pairs: [ethPair({ pairSeq: 3, state: 'opening', longSize: '0', shortSize: '0' })] }),
      TOLERANCE,
    );
    expect(kinds(r.discrepancies)).toEqual(['unrecorded-fill', 'naked-leg']);
    expect(r.discrepancies[1]!.action).toEqual({ kind: 'close-position', why: 'naked-leg', venue: 'extended', symbol: 'ETH', side: 'buy', size: '0.1', pairSeq: 3 });
  });

  it('the close never exceeds what the venue holds on that side', () => {
    const r = diffReconcile(
      [okSnapshot('lighter', { positions: [position('lighter', '0.06')] }), okSnapshot('extended')],
      view({ pairs: [ethPair({ state: 'opening', shortSize: '0' })] }),
      TOLERANCE,
    );
    expect(kinds(r.discrepancies)).toEqual(['naked-leg', 'size-mismatch']);
    expect(r.discrepancies[0]!.action).toMatchObject({ size: '0.06' });
  });

  it.each([
    ['the other venue could not be read (failed is never flat)', () => [okSnapshot('lighter', { positions: [position('lighter', '0.1')] }), failedSnapshot('extended')], {}],
    ['the pair still has an order in flight', () => [okSnapshot('lighter', { positions: [position('lighter', '0.1')] }), okSnapshot('extended')], { orders: [order({ state: 'submitted', leg: 1, createdAtMs: T0 + 59_000 })] }],
    [
      'the pair has an order of ours resting on a venue',
      () => [okSnapshot('lighter', { positions: [position('lighter', '0.1')] }), okSnapshot('extended', { openOrders: [openOrder('extended', { clientOrderId: cid(0, 1, 'hedge'), side: 'sell' })] })],
      {},
    ],
    ['an executor is working on the pair now', () => [okSnapshot('lighter', { positions: [position('lighter', '0.1')] }), okSnapshot('extended')], { activePairSeqs: new Set([0]) }],
  ] as const)('not judged naked when %s', (_why, snaps, extra) => {
    const r = diffReconcile(snaps(), view({ pairs: [ethPair({ state: 'opening', shortSize: '0' })], ...extra }), TOLERANCE);
    expect(kinds(r.discrepancies)).not.toContain('naked-leg');
  });
});

describe('diff: a naked leg nothing runs, its order still working', () => {
  // A broken pair (its entry interrupted) or an interrupted close: no executor will finish it, so
  // its naked leg is told at once, as a review (not closed while an order of it still works).
  const resting = () => [okSnapshot('lighter', { positions: [position('lighter', '0.1')], openOrders: [openOrder('lighter', { clientOrderId: cid(0, 0, 'entry') })] }), okSnapshot('extended')];

  it.each(['broken', 'closing'] as const)('a %s pair whose maker still rests: a naked-leg review naming the order', (state) => {
    const r = diffReconcile(resting(), view({ pairs: [ethPair({ state, shortSize: '0' })], orders: [order({ state: 'accepted' })] }), TOLERANCE);
    expect(r.discrepancies).toEqual([
      {
        kind: 'naked-leg',
        pairSeq: 0,
        venue: 'lighter',
        symbol: 'ETH',
        positionSide: 'long',
        legSize: '0.1',
        action: { kind: 'review', why: `the other leg is flat and ${cid(0, 0, 'entry')} (resting on lighter) still works, with nothing of ours running the pair: cancel it (or let it end), then close the leg` },
      },
    ]);
  });

  it('an order in flight or lost in the ledger is named as such', () => {
    const snaps = [okSnapshot('lighter', { positions: [position('lighter', '0.1')] }), okSnapshot('extended')];
    const r = diffReconcile(snaps, view({ pairs: [ethPair({ state: 'broken', shortSize: '0' })], orders: [order({ state: 'lost', leg: 1, purpose: 'hedge', createdAtMs: T0 })] }), TOLERANCE);
    expect(r.discrepancies.filter((d) => d.kind === 'naked-leg').map((d) => d.action)).toEqual([{ kind: 'review', why: expect.stringContaining(`${cid(0, 1, 'hedge')} (lost in the ledger)`) }]);
  });

  it.each([
    ['an entry under way (opening)', { pairs: [ethPair({ state: 'opening', shortSize: '0' })] }],
    ['an executor is on it', { pairs: [ethPair({ state: 'broken', shortSize: '0' })], activePairSeqs: new Set([0]) }],
    ['both legs held', { pairs: [ethPair({ state: 'broken' })] }],
  ] as const)('nothing told when %s', (_why, v) => {
    const [l, x] = resting();
    const snaps = 'pairs' in v && v.pairs[0]!.legs[1]!.positionSize !== '0' ? [l!, okSnapshot('extended', { positions: [position('extended', '-0.1')] })] : [l!, x!];
    expect(kinds(diffReconcile(snaps, view(v), TOLERANCE).discrepancies)).not.toContain('naked-leg');
  });
});

describe('diff: zombie pair', () => {
  const pnl = { realizedPnlUsd: '1.25', fundingReceivedUsd: '0.9', fundingPaidUsd: '0.1', feesUsd: '0.42', netUsd: '1.63' };

  it('both venues flat for an open pair: close it in the ledger keeping its realized PnL and fees (B19); no size mismatch on top', () => {
    const r = diffReconcile([okSnapshot('lighter'), okSnapshot('extended')], view({ pairs: [ethPair({ pnl })] }), TOLERANCE);
    expect(r.discrepancies).toEqual([
      { kind: 'zombie-pair', pairSeq: 0, symbol: 'ETH', ledgerState: 'open', action: { kind: 'close-zombie-pair', pairSeq: 0, toState: 'closed', reason: 'reconciliation-zombie', keptPnl: pnl } },
    ]);
  });

  it('a pair that never finished opening is rolled back', () => {
    const r = diffReconcile([okSnapshot('lighter'), okSnapshot('extended')], view({ pairs: [ethPair({ state: 'opening', longSize: '0', shortSize: '0' })] }), TOLERANCE);
    expect(r.discrepancies[0]).toMatchObject({ kind: 'zombie-pair', action: { toState: 'rolled-back' } });
  });

  it('a market a pair moved in during the reads is not compared with the venue in that run (a close that ended meanwhile: its pair is out of the view)', () => {
    const snaps = [okSnapshot('lighter', { positions: [position('lighter', '0.1')] }), okSnapshot('extended', { positions: [position('extended', '-0.1')] })];
    expect(kinds(diffReconcile(snaps, view(), TOLERANCE).discrepancies)).toEqual(['position-not-ours', 'position-not-ours']);
    expect(kinds(diffReconcile(snaps, view({ movingMarkets: new Set(['lighter|ETH']) }), TOLERANCE).discrepancies)).toEqual(['position-not-ours']);
    expect(diffReconcile(snaps, view({ movingMarkets: new Set(['lighter|ETH', 'extended|ETH']) }), TOLERANCE).discrepancies).toEqual([]);
  });

  it('a closed pair, or one venue unreadable, is not a zombie', () => {
    expect(diffReconcile([okSnapshot('lighter'), okSnapshot('extended')], view({ pairs: [ethPair({ state: 'closed', longSize: '0', shortSize: '0' })] }), TOLERANCE).discrepancies).toEqual([]);
    const r = diffReconcile([okSnapshot('lighter'), failedSnapshot('extended')], view({ pairs: [ethPair()] }), TOLERANCE);
    expect(kinds(r.discrepancies)).toEqual(['venue-query-failed', 'size-mismatch']);
    expect(r.discrepancies[1]).toMatchObject({ venue: 'lighter', venueSize: '0', ledgerSize: '0.1' });
  });
});

describe('diff: position not ours', () => {
  it('a BTC long on Lighter that foreign fills built: close it (asked by default, see the resolver)', () => {
    const foreign = fill('lighter', { venueFillId: 'm-1', symbol: 'BTC', clientOrderId: '123', venueOrderId: 'manual-1', size: '0.002', price: '100000' });
    const r = diffReconcile(
      [okSnapshot('lighter', { positions: [position('lighter', '0.002', 100_000, 'BTC')], fills: [foreign] }), okSnapshot('extended')],
      view(),
      TOLERANCE,
    );
    expect(r.discrepancies).toEqual([
      {
        kind: 'position-not-ours',
        venue: 'lighter',
        symbol: 'BTC',
        venueSize: '0.002',
        evidence: 'foreign-fills',
        action: { kind: 'close-position', why: 'not-ours', venue: 'lighter', symbol: 'BTC', side: 'sell', size: '0.002', pairSeq: null },
      },
    ]);
  });

  it('an id of another database epoch is not ours; with no fills in the window the evidence says so', () => {
    const otherEpoch = fill('extended', { venueFillId: 'e-1', clientOrderId: cid(0, 1, 'entry', 0, 8), side: 'sell' });
    const withFill = diffReconcile([okSnapshot('lighter'), okSnapshot('extended', { positions: [position('extended', '-0.1')], fills: [otherEpoch] })], view(), TOLERANCE);
    expect(withFill.discrepancies).toEqual([expect.objectContaining({ kind: 'position-not-ours', evidence: 'foreign-fills', action: expect.objectContaining({ side: 'buy', size: '0.1' }) })]);
    const none = diffReconcile([okSnapshot('lighter'), okSnapshot('extended', { positions: [position('extended', '-0.1')] })], view(), TOLERANCE);
    expect(none.discrepancies).toEqual([expect.objectContaining({ kind: 'position-not-ours', evidence: 'unknown' })]);
  });

  it('a foreign position worth no more than the tolerance is dust', () => {
    const r = diffReconcile([okSnapshot('lighter', { positions: [position('lighter', '0.0003')] }), okSnapshot('extended')], view(), TOLERANCE);
    expect(r.discrepancies).toEqual([]);
  });
});

describe('diff: a venue query that failed (never flat, upstream B15)', () => {
  it('is reported with its error, the venue is skipped and the result incomplete', () => {
    const r = diffReconcile([failedSnapshot('lighter', 'HTTP 503'), okSnapshot('extended', { positions: [position('extended', '-0.1')] })], view({ pairs: [ethPair()] }), TOLERANCE);
    expect(r.complete).toBe(false);
    expect(r.skippedVenues).toEqual(['lighter']);
    expect(r.discrepancies).toEqual([{ kind: 'venue-query-failed', venue: 'lighter', failedQuery: 'positions', error: 'HTTP 503', action: { kind: 'skip-venue', venue: 'lighter' } }]);
  });

  it('a venue with no snapshot at all counts as not read', () => {
    const r = diffReconcile([okSnapshot('extended', { positions: [position('extended', '-0.1')] })], view({ pairs: [ethPair()] }), TOLERANCE);
    expect(r).toMatchObject({ complete: false, skippedVenues: ['lighter'] });
    expect(r.discrepancies).toEqual([expect.objectContaining({ kind: 'venue-query-failed', venue: 'lighter', failedQuery: 'not-queried' })]);
  });

  it('nothing is concluded about the failed venue: its orders stay as they are, its legs are not "missing"', () => {
    const r = diffReconcile(
      [failedSnapshot('lighter'), okSnapshot('extended', { positions: [position('extended', '-0.1')] })],
      view({ pairs: [ethPair({ state: 'opening' })], orders: [order({ state: 'submitted' })] }),
      TOLERANCE,
    );
    expect(kinds(r.discrepancies)).toEqual(['venue-query-failed']);
  });

  it('two snapshots of one venue are refused', () => {
    expect(() => diffReconcile([okSnapshot('lighter'), okSnapshot('lighter')], view(), TOLERANCE)).toThrow(/two snapshots of lighter/);
  });
});
