// The verdict on a lost IOC (tracker-verdict.ts) over a real ledger and a scripted venue answer:
// "never arrived" only with no fill of it and the venue's position equal to the ledger's fills;
// anything else (a fill of it, a position that differs, a failed query, a resting order, an
// order that is no longer lost) gives no verdict.
import { afterEach, describe, expect, it } from 'vitest';
import { newOrder } from '../../../src-core/execution/order-fsm';
import type { Entry } from '../../../src-core/execution/tracker-entry';
import { judgeLostIoc } from '../../../src-core/execution/tracker-verdict';
import type { IntentRecord } from '../../../src-core/ledger/types';
import type { Fill, Position } from '../../../src-core/venues/port';
import { ethPair, openLedgerFixture, type LedgerFixture } from '../../helpers/ledger-fixture';

let f: LedgerFixture | null = null;
afterEach(() => {
  f?.close();
  f = null;
});

const CREATED_MS = 1_700_000_000_000;

function lostEntry(fx: LedgerFixture, tif: IntentRecord['tif'] = 'ioc'): Entry {
  const intent = fx.repo.recordIntent(ethPair(fx.repo.allocatePairSeq()), { leg: 1, venue: 'extended', purpose: 'hedge', attempt: 0, side: 'sell', size: '0.5', price: '1990', tif, reduceOnly: false, createdAtMs: CREATED_MS, txHash: null });
  const order = { ...newOrder(intent.clientOrderId, intent.size), state: 'lost' as const };
  return { intent, order, sentAtMono: 0, ackAtMono: null, placeReturned: true, recheckLost: false, flight: null, query: null, fillFetch: null, refetch: false, cancelsSent: 0 };
}

const position = (size: string): Position => ({ venue: 'extended', symbol: 'ETH', size, entryPrice: 2000, markPrice: 2000, liquidationPrice: null, unrealizedPnlUsd: 0, leverage: 5 });

function fill(over: Partial<Fill> = {}): Fill {
  return { venue: 'extended', symbol: 'ETH', venueFillId: 'x1', venueOrderId: 'v1', clientOrderId: null, side: 'sell', size: '0.2', price: '2000', feeUsd: '0.04', isMaker: false, timeMs: CREATED_MS, ...over };
}

function venue(fills: readonly Fill[], positions: readonly Position[] | Error) {
  const asked: number[] = [];
  return {
    asked,
    port: {
      fills: async (_symbol: string | null, sinceMs: number) => {
        asked.push(sinceMs);
        return fills;
      },
      positions: async () => {
        if (positions instanceof Error) throw positions;
        return positions;
      },
    },
  };
}

describe('judgeLostIoc', () => {
  it('no fill of it and the position equal to the ledger: never arrived (fills read from a minute before its creation)', async () => {
    f = openLedgerFixture();
    const e = lostEntry(f);
    // An earlier, unrelated short of 0.2 is in the ledger and on the venue.
    f.repo.recordFill(fill());
    const v = venue([fill()], [position('-0.2')]);
    expect(await judgeLostIoc(v.port, f.repo, e)).toMatchObject({ kind: 'never-arrived' });
    expect(v.asked).toEqual([CREATED_MS - 60_000]);
  });

  it('flat venue, empty ledger, no position row at all: never arrived', async () => {
    f = openLedgerFixture();
    expect((await judgeLostIoc(venue([], []).port, f.repo, lostEntry(f))).kind).toBe('never-arrived');
  });

  it('the venue reports a fill of it (by client id): no verdict', async () => {
    f = openLedgerFixture();
    const e = lostEntry(f);
    const v = await judgeLostIoc(venue([fill({ clientOrderId: e.intent.clientOrderId })], [position('-0.2')]).port, f.repo, e);
    expect(v).toEqual({ kind: 'none', why: 'the venue reports 1 fill(s) of it' });
  });

  it('a position that differs from the ledger fills: no verdict, whichever way', async () => {
    f = openLedgerFixture();
    const e = lostEntry(f);
    f.repo.recordFill(fill());
    expect(await judgeLostIoc(venue([], [position('-0.7')]).port, f.repo, e)).toEqual({ kind: 'none', why: "venue position -0.7 differs from the ledger's fills -0.2" });
    expect((await judgeLostIoc(venue([], []).port, f.repo, e)).kind).toBe('none');
    // A buy in the ledger nets against the sell.
    f.repo.recordFill(fill({ venueFillId: 'x2', side: 'buy', size: '0.2' }));
    expect((await judgeLostIoc(venue([], []).port, f.repo, e)).kind).toBe('never-arrived');
  });

  it('a query that fails is never evidence', async () => {
    f = openLedgerFixture();
    const v = await judgeLostIoc(venue([], new Error('HTTP 503')).port, f.repo, lostEntry(f));
    expect(v).toEqual({ kind: 'none', why: 'evidence not read: HTTP 503' });
  });

  it('a resting order (it may still be on the book) and an order that is not lost get no verdict, and nothing is asked', async () => {
    f = openLedgerFixture();
    const v = venue([], []);
    expect((await judgeLostIoc(v.port, f.repo, lostEntry(f, 'gtt'))).kind).toBe('none');
    const e = lostEntry(f);
    const accepted: Entry = { ...e, order: { ...e.order, state: 'accepted' } };
    expect(await judgeLostIoc(v.port, f.repo, accepted)).toEqual({ kind: 'none', why: 'the order is accepted, not lost' });
    expect(v.asked).toEqual([]);
  });

  it('an order that changed while the venue was asked (a late fill arrived): no verdict', async () => {
    f = openLedgerFixture();
    const e = lostEntry(f);
    const v = venue([], []);
    const port = {
      ...v.port,
      positions: async () => {
        e.order = { ...e.order, state: 'filled' };
        return [];
      },
    };
    expect(await judgeLostIoc(port, f.repo, e)).toEqual({ kind: 'none', why: 'the order became filled meanwhile' });
  });
});
