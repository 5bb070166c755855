// The reconcile LedgerView built from a real ledger (the seeded fixture: a closed ETH pair with
// flat legs, an opening SOL pair with one partly filled leg): closed-and-flat pairs are left out,
// the intents of live pairs come with their states, and only fills and payments inside the window
// are listed as recorded.
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerQueries } from '../../../src-core/ledger/ledger-queries';
import { buildLedgerView } from '../../../src-core/reconcile/build-ledger-view';
import { fillKey } from '../../../src-core/reconcile/ledger-view';
import { openLedgerFixture, seedLedger, type LedgerFixture } from '../../helpers/ledger-fixture';

let fx: LedgerFixture | null = null;
afterEach(() => {
  fx?.close();
  fx = null;
});

describe('buildLedgerView', () => {
  it('holds the live pairs with their legs, their intents with states, and the keys in the window', () => {
    fx = openLedgerFixture();
    const seeded = seedLedger(fx.repo);
    const view = buildLedgerView({ source: new LedgerQueries(fx.ledgerDb), epoch: fx.repo.epoch, sinceMs: 0, activePairSeqs: new Set([seeded.opening]), movingSinceMs: null });
    expect(view.epoch).toBe(fx.repo.epoch);
    expect(view.pairs.map((p) => p.pairSeq)).toEqual([seeded.opening]);
    expect(view.pairs[0]!.legs.find((l) => l.leg === 0)!.positionSize).toBe('1.25');
    expect(view.orders.map((o) => [o.pairSeq, o.state, o.filledSize])).toEqual([[seeded.opening, 'partially-filled', '1.25']]);
    expect(view.activePairSeqs.has(seeded.opening)).toBe(true);
    // Every recorded fill (ours or not) is a known key: it must not be reported as unrecorded.
    for (const f of seeded.fills) expect(view.fillKeys.has(fillKey(f.venue, f.venueFillId))).toBe(true);
    expect(view.fillKeys.has(fillKey('lighter', 'foreign'))).toBe(true);
    expect(view.fundingKeys.size).toBeGreaterThan(0);
  });

  it('leaves out keys older than the window, and a closed pair whose leg is not flat stays in', () => {
    fx = openLedgerFixture();
    const seeded = seedLedger(fx.repo);
    const queries = new LedgerQueries(fx.ledgerDb);
    const late = buildLedgerView({ source: queries, epoch: fx.repo.epoch, sinceMs: 9_150, activePairSeqs: new Set(), movingSinceMs: null });
    expect([...late.fillKeys].sort()).toEqual([fillKey('extended', 'xf2')]);
    // Close the opening pair in the ledger with its leg still holding 1.25: it is still compared.
    fx.repo.setPairState(seeded.opening, 'rolled-back', 10_000, 'test');
    const view = buildLedgerView({ source: queries, epoch: fx.repo.epoch, sinceMs: 0, activePairSeqs: new Set(), movingSinceMs: null });
    expect(view.pairs.map((p) => p.pairSeq)).toEqual([seeded.opening]);
    // Its intent is done-for as far as the pair goes, but its order is not closed: still listed.
    expect(view.orders.map((o) => o.pairSeq)).toEqual([seeded.opening]);
  });

  it('counts as moving every pair the executors named and every pair created, opened or closed, or given an order, since the reads began; not one whose order only changed since', () => {
    fx = openLedgerFixture();
    const seeded = seedLedger(fx.repo);
    const at = (movingSinceMs: number | null, active: number[] = []) => buildLedgerView({ source: new LedgerQueries(fx!.ledgerDb), epoch: fx!.repo.epoch, sinceMs: 0, activePairSeqs: new Set(active), movingSinceMs });
    const moving = (v: ReturnType<typeof at>) => [[...v.activePairSeqs].sort(), [...v.movingMarkets].sort()];
    // ETH closed at 9 300 (flat: out of the pairs, yet its markets moved); SOL's order was created
    // at 5 001 and filled at 5 100.
    expect(moving(at(9_300))).toEqual([[seeded.closed], ['extended|ETH', 'lighter|ETH']]);
    expect(at(9_300).pairs.map((p) => p.pairSeq)).toEqual([seeded.opening]);
    expect(moving(at(5_050))).toEqual([[seeded.closed], ['extended|ETH', 'lighter|ETH']]);
    expect(moving(at(5_001))).toEqual([[seeded.closed, seeded.opening].sort(), ['extended|ETH', 'extended|SOL', 'lighter|ETH', 'lighter|SOL']]);
    expect(moving(at(9_301))).toEqual([[], []]);
    expect(moving(at(9_301, [seeded.opening]))).toEqual([[seeded.opening], ['extended|SOL', 'lighter|SOL']]);
    expect(moving(at(null, [seeded.opening]))).toEqual([[seeded.opening], ['extended|SOL', 'lighter|SOL']]);
  });

  it('refuses a window start that is not a time', () => {
    fx = openLedgerFixture();
    expect(() => new LedgerQueries(fx!.ledgerDb).reconcileRecords(-1)).toThrow(/sinceMs/);
  });
});
