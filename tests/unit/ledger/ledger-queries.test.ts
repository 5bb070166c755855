// The read side of the ledger on a real SQLite file written through LedgerRepo: the list and
// the detail of a pair equal what was written, PnL sums are exact to the last digit (worked out
// by hand in tests/helpers/ledger-fixture.ts), attempts come newest first and bounded, and bad
// arguments get typed refusals.
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerQueries, LedgerQueryError } from '../../../src-core/ledger/ledger-queries';
import { ethPair, openLedgerFixture, seedLedger, type LedgerFixture } from '../../helpers/ledger-fixture';

let fx: LedgerFixture | null = null;
afterEach(() => {
  fx?.close();
  fx = null;
});

function setup() {
  fx = openLedgerFixture();
  const seeded = seedLedger(fx.repo);
  // The read side runs on the main (NORMAL) connection: it sees what the FULL one committed.
  return { ...fx, seeded, queries: new LedgerQueries(fx.main) };
}

const closedPnl = { realizedPnlUsd: '2.37', fundingReceivedUsd: '0.3', fundingPaidUsd: '0.15', feesUsd: '2.190975', netUsd: '0.329025' };

describe('LedgerQueries.listPairs', () => {
  it('lists every pair newest first with its legs, times and exact PnL', () => {
    const { queries, seeded } = setup();
    const list = queries.listPairs();
    expect(list.map((p) => p.pairSeq)).toEqual([seeded.opening, seeded.closed]);
    expect(list[1]).toEqual({
      pairSeq: 0,
      symbol: 'ETH',
      longVenue: 'lighter',
      shortVenue: 'extended',
      state: 'closed',
      targetSize: '0.5',
      legs: [
        { leg: 0, venue: 'lighter', positionSide: 'long', filledSize: '0.5', positionSize: '0' },
        { leg: 1, venue: 'extended', positionSide: 'short', filledSize: '0.5', positionSize: '0' },
      ],
      entryLongHourlyRate: -0.00001,
      entryShortHourlyRate: 0.00004,
      entryApy: 0.44,
      createdAtMs: 1_000,
      openedAtMs: 2_300,
      closedAtMs: 9_300,
      closeReason: 'edge gone',
      pnl: closedPnl,
    });
    expect(list[0]).toEqual({
      pairSeq: 1,
      symbol: 'SOL',
      longVenue: 'extended',
      shortVenue: 'lighter',
      state: 'opening',
      targetSize: '3',
      legs: [{ leg: 0, venue: 'extended', positionSide: 'long', filledSize: '1.25', positionSize: '1.25' }],
      entryLongHourlyRate: null,
      entryShortHourlyRate: null,
      entryApy: null,
      createdAtMs: 5_000,
      openedAtMs: null,
      closedAtMs: null,
      closeReason: null,
      // The lighter payment tied to the pair counts although its lighter leg has no intent yet.
      pnl: { realizedPnlUsd: '0', fundingReceivedUsd: '0.01', fundingPaidUsd: '0', feesUsd: '0.0634375', netUsd: '-0.0534375' },
    });
  });

  it('is empty on a fresh ledger, and a pair number allocated without an intent is no pair', () => {
    fx = openLedgerFixture();
    const queries = new LedgerQueries(fx.main);
    expect(queries.listPairs()).toEqual([]);
    fx.repo.allocatePairSeq();
    expect(queries.listPairs()).toEqual([]);
    expect(queries.pair(0)).toBeNull();
    expect(queries.pairDetail(0)).toBeNull();
  });

  it('agrees with pair() for each pair and sees a later write at once', () => {
    const { queries, seeded, repo } = setup();
    for (const p of queries.listPairs()) expect(queries.pair(p.pairSeq)).toEqual(p);
    repo.setPairState(seeded.opening, 'broken', 6_000, 'hedge failed');
    expect(queries.pair(seeded.opening)).toMatchObject({ state: 'broken', closeReason: 'hedge failed', closedAtMs: null });
  });
});

describe('LedgerQueries.pairDetail', () => {
  it('returns every intent with its current state, in the order written', () => {
    const { queries, seeded, repo } = setup();
    const d = queries.pairDetail(seeded.closed)!;
    const written = repo.intentsOfPair(seeded.closed);
    expect(d.orders.map((o) => o.intentId)).toEqual(written.map((i) => i.intentId));
    d.orders.forEach((o, k) => {
      const i = written[k]!;
      const s = repo.orderState(i.intentId)!;
      expect(o).toEqual({
        intentId: i.intentId,
        clientOrderId: i.clientOrderId,
        leg: i.leg,
        purpose: i.purpose,
        attempt: i.attempt,
        venue: i.venue,
        symbol: 'ETH',
        side: i.side,
        size: i.size,
        price: i.price,
        tif: i.tif,
        reduceOnly: i.reduceOnly,
        txHash: i.txHash,
        createdAtMs: i.createdAtMs,
        state: s.state,
        venueOrderId: s.venueOrderId,
        filledSize: s.filledSize,
        rejectReason: s.rejectReason,
        endReason: s.endReason,
        updatedAtMs: [2_100, 2_200, 9_100, 9_200][k],
      });
    });
    expect(d.orders.map((o) => [o.purpose, o.leg, o.side, o.reduceOnly, o.state])).toEqual([
      ['entry', 0, 'buy', false, 'filled'],
      ['hedge', 1, 'sell', false, 'filled'],
      ['exit', 0, 'sell', true, 'filled'],
      ['exit', 1, 'buy', true, 'filled'],
    ]);
    expect(d.orders[0]!.txHash).toBe('0xabc');
    expect(d.orders[3]!.endReason).toBe('done');
  });

  it('returns the fills of the pair (and only those) as written, in fill order', () => {
    const { queries, seeded, repo } = setup();
    const d = queries.pairDetail(seeded.closed)!;
    const intentOf = new Map(repo.intentsOfPair(seeded.closed).map((i) => [i.clientOrderId, i]));
    const expected = seeded.fills
      .filter((f) => f.symbol === 'ETH')
      .map((f) => ({ ...f, intentId: intentOf.get(f.clientOrderId!)!.intentId, leg: intentOf.get(f.clientOrderId!)!.leg }));
    expect(d.fills).toEqual(expected.map(({ symbol: _s, ...rest }) => rest));
    expect(d.fills.map((f) => f.venueFillId)).toEqual(['lf1', 'lf2', 'xf1', 'lf3', 'xf2']);
    // Same rows as the writer's own reader.
    expect(d.fills.map((f) => [f.venueFillId, f.leg])).toEqual(repo.fillsOfPair(seeded.closed).map((f) => [f.venueFillId, f.leg]));
  });

  it('returns the funding payments of the pair with the leg they belong to', () => {
    const { queries, seeded, repo } = setup();
    const d = queries.pairDetail(seeded.closed)!;
    expect(d.funding.map((f) => [f.venue, f.leg, f.cashUsd, f.settlementTimeMs])).toEqual([
      ['extended', 1, '0.1', 3_600_000],
      ['lighter', 0, '-0.15', 3_600_000],
      ['extended', 1, '0.2', 7_200_000],
    ]);
    expect(d.funding.map(({ leg: _l, ...p }) => p)).toEqual(repo.fundingOfPair(seeded.closed).map(({ symbol: _s, ...p }) => p));
    expect(queries.pairDetail(seeded.opening)!.funding).toEqual([expect.objectContaining({ venue: 'lighter', leg: null, cashUsd: '0.01' })]);
  });

  it('computes exact per-leg PnL, and the legs add up to the pair', () => {
    const { queries, seeded } = setup();
    const d = queries.pairDetail(seeded.closed)!;
    expect(d.legs).toEqual([
      {
        leg: 0,
        venue: 'lighter',
        positionSide: 'long',
        filledSize: '0.5',
        positionSize: '0',
        costBasisUsd: '0',
        avgEntryPrice: null,
        fillCount: 3,
        pnl: { realizedPnlUsd: '4.92', fundingReceivedUsd: '0', fundingPaidUsd: '0.15', feesUsd: '0.741', netUsd: '4.029' },
      },
      {
        leg: 1,
        venue: 'extended',
        positionSide: 'short',
        filledSize: '0.5',
        positionSize: '0',
        costBasisUsd: '0',
        avgEntryPrice: null,
        fillCount: 2,
        // 0.1 + 0.2 is 0.3 here, not 0.30000000000000004.
        pnl: { realizedPnlUsd: '-2.55', fundingReceivedUsd: '0.3', fundingPaidUsd: '0', feesUsd: '1.449975', netUsd: '-3.699975' },
      },
    ]);
    expect(d.pair.pnl).toEqual(closedPnl);
    const open = queries.pairDetail(seeded.opening)!;
    expect(open.legs).toEqual([
      {
        leg: 0,
        venue: 'extended',
        positionSide: 'long',
        filledSize: '1.25',
        positionSize: '1.25',
        costBasisUsd: '126.875',
        avgEntryPrice: '101.5',
        fillCount: 1,
        pnl: { realizedPnlUsd: '0', fundingReceivedUsd: '0', fundingPaidUsd: '0', feesUsd: '0.0634375', netUsd: '-0.0634375' },
      },
    ]);
    expect(open.orders.map((o) => [o.state, o.filledSize])).toEqual([['partially-filled', '1.25']]);
  });

  it('shows a pair whose first intent has no fill yet: one flat leg, no fills, no funding', () => {
    const { queries, repo } = setup();
    const seq = repo.allocatePairSeq();
    const i = repo.recordIntent(
      { ...ethPair(seq), createdAtMs: 7_000 },
      { leg: 0, venue: 'extended', purpose: 'entry', attempt: 0, side: 'sell', size: '0.5', price: '3001', tif: 'post_only', reduceOnly: false, createdAtMs: 7_001, txHash: null },
    );
    const d = queries.pairDetail(seq)!;
    expect(d.legs).toEqual([
      {
        leg: 0,
        venue: 'extended',
        positionSide: 'short',
        filledSize: '0',
        positionSize: '0',
        costBasisUsd: '0',
        avgEntryPrice: null,
        fillCount: 0,
        pnl: { realizedPnlUsd: '0', fundingReceivedUsd: '0', fundingPaidUsd: '0', feesUsd: '0', netUsd: '0' },
      },
    ]);
    expect(d.fills).toEqual([]);
    expect(d.funding).toEqual([]);
    expect(d.orders.map((o) => [o.intentId, o.state, o.filledSize, o.venueOrderId, o.updatedAtMs])).toEqual([[i.intentId, 'initialized', '0', null, 7_001]]);
    expect(queries.listPairs()[0]).toEqual(d.pair);
  });

  it('answers null for a pair that does not exist, and refuses a bad pair number', () => {
    const { queries } = setup();
    expect(queries.pairDetail(99)).toBeNull();
    expect(queries.pair(99)).toBeNull();
    for (const bad of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => queries.pairDetail(bad)).toThrow(LedgerQueryError);
      expect(() => queries.pair(bad)).toThrow(expect.objectContaining({ code: 'bad-pair-seq', name: 'LedgerQueryError' }));
    }
    expect(() => queries.pair(-1)).toThrow('pairSeq must be a non-negative integer, got -1');
  });
});

describe('LedgerQueries.attempts', () => {
  it('returns attempts newest first (ties by id), at most limit, with their outcome and detail', () => {
    fx = openLedgerFixture();
    const { repo } = fx;
    const queries = new LedgerQueries(fx.main);
    const a = { triggeredBy: 'auto', symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended' } as const;
    const first = repo.startAttempt({ ...a, startedAtMs: 10 });
    const third = repo.startAttempt({ ...a, triggeredBy: 'manual', startedAtMs: 30 });
    const second = repo.startAttempt({ ...a, startedAtMs: 20 });
    const tie = repo.startAttempt({ ...a, symbol: 'SOL', startedAtMs: 30 });
    repo.finishAttempt(first, { outcome: 'refused', reason: 'stale book', pairSeq: null, finishedAtMs: 11, detail: { gate: 'staleBookMs', ageMs: 900 } });
    expect(queries.attempts(10).map((r) => r.attemptId)).toEqual([tie, third, second, first]);
    expect(queries.attempts(2).map((r) => r.attemptId)).toEqual([tie, third]);
    expect(queries.attempts(1).map((r) => r.attemptId)).toEqual([tie]);
    expect(queries.attempts(10)[3]).toEqual({
      attemptId: first,
      triggeredBy: 'auto',
      symbol: 'ETH',
      longVenue: 'lighter',
      shortVenue: 'extended',
      outcome: 'refused',
      reason: 'stale book',
      pairSeq: null,
      startedAtMs: 10,
      finishedAtMs: 11,
      detail: { gate: 'staleBookMs', ageMs: 900 },
    });
    expect(queries.attempts(10)[1]).toMatchObject({ attemptId: third, triggeredBy: 'manual', outcome: 'pending', reason: null, finishedAtMs: null, detail: null });
  });

  it('refuses a limit that is not a positive integer', () => {
    fx = openLedgerFixture();
    const queries = new LedgerQueries(fx.main);
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => queries.attempts(bad)).toThrow(expect.objectContaining({ code: 'bad-limit' }));
    expect(() => queries.attempts(0)).toThrow('limit must be a positive integer, got 0');
    expect(queries.attempts(1)).toEqual([]);
  });

  it('shows an attempt whose stored detail is not a JSON object with detail null', () => {
    fx = openLedgerFixture();
    const { repo, main } = fx;
    const queries = new LedgerQueries(fx.main);
    const id = repo.startAttempt({ triggeredBy: 'auto', symbol: 'ETH', longVenue: 'lighter', shortVenue: 'extended', startedAtMs: 1 });
    // A damaged row (LedgerRepo only ever writes an object): the attempt must still be listed.
    const store = main.prepare('UPDATE execution_attempts SET detail_json = ? WHERE id = ?');
    for (const json of ['[1,2]', 'null', '"text"', '7', '{not json']) {
      store.run(json, id);
      expect(queries.attempts(1)).toEqual([expect.objectContaining({ attemptId: id, detail: null })]);
    }
    store.run('{"a":[1]}', id);
    expect(queries.attempts(1)[0]!.detail).toEqual({ a: [1] });
  });
});

describe('LedgerQueries is read-only', () => {
  it('refuses to prepare a statement that writes', () => {
    fx = openLedgerFixture();
    const queries = new LedgerQueries(fx.main);
    // The guard behind every query of the class (private: reached here on purpose).
    const sql = (queries as unknown as { sql(text: string): unknown }).sql.bind(queries);
    expect(() => sql('DELETE FROM pairs')).toThrow(expect.objectContaining({ code: 'not-read-only', message: 'refused a writing statement: DELETE FROM pairs' }));
    expect(() => sql('SELECT 1')).not.toThrow();
  });

  it('changes nothing in the database it reads', () => {
    const { queries, main, seeded } = setup();
    const changes = () => (main.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const before = changes();
    queries.listPairs();
    queries.pairDetail(seeded.closed);
    queries.attempts(5);
    expect(changes()).toBe(before);
  });
});
