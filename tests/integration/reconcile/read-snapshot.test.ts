// Reading a venue into a reconciliation snapshot over the real Lighter adapter and the simulator
// (loopback sockets, manual clock), then diffing it: an order of ours found resting resolves an
// in-flight intent, a fill of ours the ledger lacks is proposed for recording, and a venue that is
// down gives a failed snapshot that the diff skips (never flat).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffReconcile } from '../../../src-core/reconcile/diff';
import { readVenueSnapshot } from '../../../src-core/reconcile/read-snapshot';
import type { LedgerView } from '../../../src-core/reconcile/ledger-view';
import { lighterHarness, type LighterHarness } from '../trading-port/lighter-harness';
import { orderOf } from '../trading-port/scenarios';
import { pollUntil } from '../../helpers/wait';

const TOLERANCE = { sizeMismatchMinSteps: 1, sizeMismatchToleranceUsd: 1 };
let h: LighterHarness;

beforeEach(async () => {
  h = await lighterHarness();
}, 30_000);

afterEach(async () => {
  await h?.close();
});

function emptyView(over: Partial<LedgerView> = {}): LedgerView {
  return { epoch: 7, pairs: [], orders: [], activePairSeqs: new Set(), movingMarkets: new Set(), fillKeys: new Set(), fundingKeys: new Set(), ...over };
}

describe('readVenueSnapshot (Lighter over the simulator)', () => {
  it('reads a resting order of ours, the markets with ETH at index 0, and the diff resolves the in-flight intent to open', async () => {
    const id = h.nextClientId();
    const price = h.restingPrice('ETH', 'buy');
    const size = h.size('ETH', price);
    const sentAtMs = h.clock.nowMs();
    expect((await h.adapter.place({ symbol: 'ETH', side: 'buy', size, price, type: 'limit', tif: 'gtt', reduceOnly: false, clientOrderId: id, expiryMs: sentAtMs + 3_600_000 })).kind).toBe('accepted');
    await orderOf(h, id, (o) => o.status === 'open');
    const snap = await readVenueSnapshot(h.adapter, sentAtMs - 1_000, () => h.clock.nowMs());
    if (snap.kind !== 'ok') throw new Error(`snapshot failed: ${snap.error}`);
    expect(snap.openOrders.map((o) => o.clientOrderId)).toEqual([id]);
    expect(snap.markets.find((m) => m.symbol === 'ETH')).toMatchObject({ marketIndex: 0 });
    expect(snap.notFoundGraceMs).toBe(h.adapter.capabilities.notFoundGraceMs);
    const view = emptyView({
      orders: [{ intentId: 1, clientOrderId: id, pairSeq: 1, leg: 0, purpose: 'entry', venue: 'lighter', symbol: 'ETH', side: 'buy', size, tif: 'gtt', reduceOnly: false, createdAtMs: sentAtMs, state: 'submitted', venueOrderId: null, filledSize: '0' }],
    });
    const r = diffReconcile([snap], view, TOLERANCE, ['lighter']);
    expect(r.complete).toBe(true);
    expect(r.discrepancies).toEqual([expect.objectContaining({ kind: 'in-flight-resolved', resolution: expect.objectContaining({ kind: 'open', venueStatus: 'open' }) })]);
  });

  it('a fill of ours the ledger lacks is proposed for recording, and the position it built is counted as ours', async () => {
    const id = h.nextClientId();
    const price = h.crossingPrice('ETH', 'buy');
    const size = h.size('ETH', price);
    const sentAtMs = h.clock.nowMs();
    expect((await h.adapter.place({ symbol: 'ETH', side: 'buy', size, price, type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: id })).kind).toBe('accepted');
    const snap = await pollUntil(
      async () => {
        h.advance(200);
        return readVenueSnapshot(h.adapter, sentAtMs - 1_000, () => h.clock.nowMs());
      },
      { until: (s) => s.kind === 'ok' && s.fills.some((f) => f.clientOrderId === id) && s.positions.some((p) => p.symbol === 'ETH'), what: 'the fill and the position on the venue' },
    );
    const r = diffReconcile([snap], emptyView(), TOLERANCE, ['lighter']);
    expect(r.discrepancies.length).toBeGreaterThan(0);
    for (const d of r.discrepancies) expect(d).toMatchObject({ kind: 'unrecorded-fill', action: { kind: 'record-fill', fill: { clientOrderId: id }, intentId: null } });
  });

  it('a venue that is down gives a failed snapshot with the read and its error; the diff skips it', async () => {
    h.setDown(true);
    const snap = await readVenueSnapshot(h.adapter, h.clock.nowMs() - 1_000, () => h.clock.nowMs());
    expect(snap.kind).toBe('failed');
    if (snap.kind !== 'failed') return;
    expect(['markets', 'openOrders']).toContain(snap.failedQuery);
    expect(snap.error.length).toBeGreaterThan(0);
    const r = diffReconcile([snap], emptyView(), TOLERANCE, ['lighter']);
    expect(r).toMatchObject({ complete: false, skippedVenues: ['lighter'] });
    expect(r.discrepancies).toEqual([expect.objectContaining({ kind: 'venue-query-failed', venue: 'lighter' })]);
  });
});
