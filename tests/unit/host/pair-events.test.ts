// The pairs events built from ledger records pass the contract (the real EventHub drops an
// invalid payload) and carry the recorded values exactly.
import { afterEach, describe, expect, it } from 'vitest';
import { EventHub } from '../../../src-core/api/events';
import { LedgerQueries } from '../../../src-core/ledger/ledger-queries';
import { emitPairUpdate, fillNewEvent, orderUpdateEvent } from '../../../src-core/host/projections/pair-events';
import { openLedgerFixture, seedLedger, type LedgerFixture } from '../../helpers/ledger-fixture';

let fx: LedgerFixture | null = null;
afterEach(() => {
  fx?.close();
  fx = null;
});

function setup() {
  fx = openLedgerFixture();
  const seeded = seedLedger(fx.repo);
  const hub = new EventHub();
  const seen: [string, unknown][] = [];
  hub.subscribeAll((event, payload) => seen.push([event, payload]));
  return { repo: fx.repo, seeded, hub, seen, queries: new LedgerQueries(fx.main) };
}

describe('pairs events from the ledger', () => {
  it('orders.update carries the intent and its recorded state', () => {
    const { repo, seeded, hub, seen } = setup();
    const hedge = seeded.intents[1]!;
    const payload = orderUpdateEvent(hedge, repo.orderState(hedge.intentId)!, 2_200);
    hub.emit('orders.update', payload);
    expect(seen).toEqual([
      [
        'orders.update',
        { intentId: hedge.intentId, pairSeq: 0, leg: 1, purpose: 'hedge', attempt: 0, venue: 'extended', symbol: 'ETH', side: 'sell', size: '0.5', price: '2999.90', state: 'filled', filledSize: '0.5', atMs: 2_200 },
      ],
    ]);
  });

  it('fills.new carries the exact fill and the pair and leg of its intent', () => {
    const { repo, seeded, hub, seen } = setup();
    const f = seeded.fills[1]!;
    const intent = repo.intentByClientOrderId(f.clientOrderId!)!;
    hub.emit('fills.new', fillNewEvent(f, intent));
    expect(seen).toEqual([
      ['fills.new', { venue: 'lighter', venueFillId: 'lf2', symbol: 'ETH', side: 'buy', size: '0.3', price: '3000.20', feeUsd: '-0.009', isMaker: true, pairSeq: 0, leg: 0, timeMs: 2_100 }],
    ]);
  });

  it('pairs.update carries the pair row as pairs.list shows it; a missing pair emits nothing', () => {
    const { seeded, hub, seen, queries } = setup();
    expect(emitPairUpdate(hub, queries, seeded.opening)).toBe(true);
    expect(emitPairUpdate(hub, queries, 99)).toBe(false);
    expect(seen).toEqual([['pairs.update', queries.listPairs()[0]]]);
  });
});
