// The pair closer's decisions on the scripted venue (real FSM, real ledger, manual clock): maker
// first on both legs at once, a cancel confirmed before any IOC (a ghost fill on the cancel
// counted), the close ladder's prices (a buy rounded up, a sell down, never past the cap), the
// emergency path, a failing leg retried then alarmed with trading REDUCING, a failed position
// read sending nothing, and the idempotent entry point.
import { afterEach, describe, expect, it } from 'vitest';
import { closeBench, drive, exits, isIoc, isMaker, openPair, pairState, type CloseBench } from './helpers/close-bench';
import { flush } from './helpers/scripted-tracker';

let x: CloseBench | null = null;
afterEach(() => {
  x?.cleanup();
  x = null;
});

/** An open pair with a close IOC from before (a restart, say) on its Extended leg whose outcome
 *  stays unknown; later orders fill at once. */
async function openPairWithLostExit(b: CloseBench): Promise<number> {
  const pairSeq = await openPair(b);
  const stored = b.ledger.pairRecord(pairSeq)!;
  b.tracker.script = (o, t) => t.lose(o.intent.clientOrderId);
  await b.tracker.submit({ pair: stored.pair, intent: { leg: 1, venue: 'extended', purpose: 'exit', attempt: 0, side: 'buy', size: '0.17', price: '2020.00', tif: 'ioc', reduceOnly: true }, type: 'limit' });
  b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
  return pairSeq;
}

const sizes = (os: ReturnType<typeof exits>) => os.map((o) => [o.intent.venue, o.intent.side, o.intent.tif, o.intent.size, o.intent.price]);

describe('normal close', () => {
  it('both makers rest at once, reduce-only at our touch, and fill: closed with no IOC', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.tracker.script = (o, t) => {
      if (o.intent.tif === 'post_only') t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const r = await drive(b, b.closer().close(pairSeq, 'normal', 'max hold'));
    expect(r).toMatchObject({ outcome: 'closed', rounds: 1, detail: 'both legs flat' });
    expect(r.legs.map((l) => [l.venue, l.closedSize, l.leftSize, l.orderCount, l.failure])).toEqual([
      ['lighter', '0.17', '0', 1, null],
      ['extended', '0.17', '0', 1, null],
    ]);
    // A sell closing the long joins the ask; a buy closing the short joins the bid.
    expect(sizes(exits(b))).toEqual([
      ['lighter', 'sell', 'post_only', '0.17', '2000.10'],
      ['extended', 'buy', 'post_only', '0.17', '2000.00'],
    ]);
    expect(exits(b).every((o) => o.intent.reduceOnly)).toBe(true);
    expect(pairState(b, pairSeq)).toBe('closed');
    expect(b.failures).toEqual([]);
  });

  it('both makers are out before either ends: the legs are closed together', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    const p = b.closer().close(pairSeq, 'normal', 'x');
    await flush();
    expect(exits(b).filter(isMaker).map((o) => [o.intent.venue, o.order.state])).toEqual([
      ['lighter', 'accepted'],
      ['extended', 'accepted'],
    ]);
    for (const o of exits(b)) b.tracker.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    expect((await drive(b, p)).outcome).toBe('closed');
  });

  it('partial maker fills, then the cancel with a ghost fill: the IOC closes exactly what is left', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.tracker.script = (o, t) => {
      if (o.intent.tif === 'post_only') t.fill(o.intent.clientOrderId, o.intent.venue === 'lighter' ? '0.05' : '0.10', o.intent.price);
      else t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    // The venue fills 0.02 more while it cancels (the ghost fill), then reports the end.
    b.tracker.onCancel = (o, t) => {
      t.fill(o.intent.clientOrderId, '0.02', o.intent.price);
      t.end(o.intent.clientOrderId, 'canceled-by-us');
    };
    const r = await drive(b, b.closer().close(pairSeq, 'normal', 'x'));
    expect(r.outcome).toBe('closed');
    const iocs = exits(b).filter(isIoc);
    expect(iocs.map((o) => [o.intent.venue, o.intent.size])).toEqual([
      ['lighter', '0.1'],
      ['extended', '0.05'],
    ]);
    // Every IOC was sent after its leg's maker was seen closed.
    for (const ioc of iocs) {
      const maker = exits(b).find((o) => isMaker(o) && o.intent.venue === ioc.intent.venue)!;
      expect(maker.order.state).toBe('canceled');
      expect(ioc.intent.intentId).toBeGreaterThan(maker.intent.intentId);
    }
    expect(r.legs.map((l) => l.leftSize)).toEqual(['0', '0']);
  });

  it('never escalates while a maker may still rest: an unconfirmed cancel sends no IOC', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.tracker.onCancel = () => undefined; // the venue never confirms
    const r = await drive(b, b.closer({ closeDeadlineMs: 30_000 }).close(pairSeq, 'normal', 'x'));
    expect(exits(b).filter(isIoc)).toEqual([]);
    expect(exits(b).filter(isMaker)).toHaveLength(2);
    expect(r.outcome).toBe('close-failed');
    expect(r.detail).toMatch(/unresolved/);
    expect(pairState(b, pairSeq)).toBe('close-failed');
  });

  it('the ladder: a buy rounds its limit up, a sell down, rung by rung, never past the cap', async () => {
    x = closeBench();
    const b = x;
    b.venues.lighter.setBook(2000.03, 2000.13);
    b.venues.extended.setBook(2000.03, 2000.13);
    const pairSeq = await openPair(b);
    // IOCs meet nothing; post-only makers rest until cancelled.
    b.tracker.script = (o, t) => {
      if (o.intent.tif === 'ioc') t.end(o.intent.clientOrderId, 'ioc-unfilled');
    };
    const r = await drive(b, b.closer({ closeIocMaxAttemptCount: 5, closeRetryMaxCount: 0 }).close(pairSeq, 'normal', 'x'));
    const prices = (venue: string) => exits(b).filter((o) => isIoc(o) && o.intent.venue === venue).map((o) => o.intent.price);
    // Sell against the bid 2000.03: × (1 − 0.0050) = 1990.02985 → 1990.02 (down), … cap × 0.98 =
    // 1960.0294 → 1960.03 (the cap rounded toward the touch).
    expect(prices('lighter')).toEqual(['1990.02', '1980.02', '1970.02', '1960.03', '1960.03']);
    // Buy against the ask 2000.13: × 1.005 = 2010.13065 → 2010.14 (up), … cap × 1.02 =
    // 2040.1326 → 2040.13.
    expect(prices('extended')).toEqual(['2010.14', '2020.14', '2030.14', '2040.13', '2040.13']);
    expect(r.outcome).toBe('close-failed');
    expect(r.detail).toMatch(/close ladder spent after 5 IOCs \(cap 200 bps\)/);
  });

  it('an IOC filling part leaves the rest to the next rung, at the exact remainder', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    let n = 0;
    b.tracker.script = (o, t) => {
      if (o.intent.tif !== 'ioc') return;
      n += 1;
      if (n <= 2) {
        t.fill(o.intent.clientOrderId, '0.07', o.intent.price);
        t.end(o.intent.clientOrderId, 'ioc-unfilled');
      } else t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const r = await drive(b, b.closer({ closeMakerTimeoutMs: 0 }).close(pairSeq, 'normal', 'x'));
    expect(r.outcome).toBe('closed');
    expect(exits(b).filter(isMaker)).toEqual([]);
    expect(sizes(exits(b)).map((s) => [s[0], s[3]])).toEqual([
      ['lighter', '0.17'],
      ['extended', '0.17'],
      ['lighter', '0.1'],
      ['extended', '0.1'],
    ]);
  });

  it('sizes are exact steps: a remainder below one step is not sent and is named', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b, '0.175');
    // Extended's step is 0.01: its leg (0.175 from a hand-built ledger) cannot be closed exactly.
    b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const r = await drive(b, b.closer({ closeMakerTimeoutMs: 0, closeRetryMaxCount: 1 }).close(pairSeq, 'normal', 'x'));
    expect(exits(b).map((o) => [o.intent.venue, o.intent.size])).toEqual([
      ['lighter', '0.175'],
      ['extended', '0.17'],
    ]);
    expect(r.outcome).toBe('close-failed');
    expect(r.legs[1]).toMatchObject({ venue: 'extended', leftSize: '0.005' });
    expect(r.legs[1]!.failure).toMatch(/below one extended step/);
  });
});

describe('emergency close', () => {
  it('IOCs on both legs at once from the start, no maker, at the emergency slippage; flat within its deadline', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.tracker.script = (o, t) => {
      if (o.intent.tif === 'ioc') t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const p = b.closer({ emergencyDeadlineMs: 8_000 }).close(pairSeq, 'emergency', 'broken hedge');
    await flush();
    // Both out before the clock moved.
    expect(sizes(exits(b))).toEqual([
      ['lighter', 'sell', 'ioc', '0.17', '1980.00'],
      ['extended', 'buy', 'ioc', '0.17', '2020.11'],
    ]);
    const r = await drive(b, p);
    expect(r).toMatchObject({ outcome: 'closed', urgency: 'emergency' });
    expect(r.elapsedMs).toBeLessThan(8_000);
    expect(pairState(b, pairSeq)).toBe('closed');
  });

  it('an IOC whose outcome stays unknown is never re-sent: the emergency ends at its deadline, alarmed', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.tracker.script = (o, t) => {
      if (o.intent.venue === 'extended') t.lose(o.intent.clientOrderId);
      else t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const r = await drive(b, b.closer({ emergencyDeadlineMs: 8_000 }).close(pairSeq, 'emergency', 'delta bound'));
    expect(exits(b).filter((o) => o.intent.venue === 'extended')).toHaveLength(1);
    expect(r.outcome).toBe('close-failed');
    expect(r.elapsedMs).toBeLessThanOrEqual(8_000 + 1_000);
    expect(b.failures.map((f) => f.venues)).toEqual([['extended']]);
  });
});

describe('emergency close after a restart', () => {
  it("one leg's earlier order still unresolved: the other leg is closed at once, nothing is sent beside the unresolved one", async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPairWithLostExit(b);
    const r = await drive(b, b.closer({ emergencyDeadlineMs: 8_000 }).close(pairSeq, 'emergency', 'the trader closes what a crash left'));
    expect(sizes(exits(b)).filter(([venue]) => venue === 'lighter')).toEqual([['lighter', 'sell', 'ioc', '0.17', '1980.00']]);
    expect(exits(b).filter((o) => o.intent.venue === 'extended')).toHaveLength(1);
    expect(r.outcome).toBe('close-failed');
    expect(r.legs.map((l) => [l.venue, l.leftSize, l.failure])).toEqual([
      ['lighter', '0', null],
      ['extended', '0.17', 'an earlier order of the leg is unresolved: nothing sent beside it'],
    ]);
  });
});

describe('a close after a restart with an earlier close maker resting', () => {
  it.each(['normal', 'emergency'] as const)('%s: the resting maker is cancelled first, then both legs close', async (urgency) => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    // A reduce-only close maker of the process before, resting on Extended, filling nothing.
    const stored = b.ledger.pairRecord(pairSeq)!;
    b.tracker.script = () => undefined;
    const resting = await b.tracker.submit({ pair: stored.pair, intent: { leg: 1, venue: 'extended', purpose: 'exit', attempt: 0, side: 'buy', size: '0.17', price: '1999.00', tif: 'post_only', reduceOnly: true }, type: 'limit' });
    const cancelled: string[] = [];
    const onCancel = b.tracker.onCancel;
    b.tracker.onCancel = (o, t) => {
      cancelled.push(o.intent.clientOrderId);
      onCancel(o, t);
    };
    b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const r = await drive(b, b.closer({ emergencyDeadlineMs: 8_000, closeMakerTimeoutMs: 1_000 }).close(pairSeq, urgency, 'the trader closes what a crash left'));
    expect(cancelled[0]).toBe(resting.intent.clientOrderId);
    expect(r.outcome).toBe('closed');
    expect(r.legs.map((l) => [l.venue, l.leftSize, l.failure])).toEqual([
      ['lighter', '0', null],
      ['extended', '0', null],
    ]);
  });
});

describe('a broken pair whose resting maker has filled nothing yet', () => {
  it('cancels it first and closes what it filled meanwhile: never "flat" before the maker ended', async () => {
    x = closeBench();
    const b = x;
    // An entry a restart interrupted: its post-only maker rests on Lighter, nothing filled yet.
    const pairSeq = b.ledger.allocatePairSeq();
    const pair = { pairSeq, symbol: 'ETH', longVenue: 'lighter' as const, shortVenue: 'extended' as const, targetSize: '0.17', entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs: b.clock.now() };
    b.tracker.script = () => undefined;
    await b.tracker.submit({ pair, intent: { leg: 0, venue: 'lighter', purpose: 'entry', attempt: 0, side: 'buy', size: '0.17', price: '1999.00', tif: 'post_only', reduceOnly: false }, type: 'limit' });
    b.ledger.setPairState(pairSeq, 'broken', b.clock.now());
    // The cancel arrives after part of it filled.
    b.tracker.onCancel = (o, t) => {
      t.fill(o.intent.clientOrderId, '0.1', '1999.00');
      t.end(o.intent.clientOrderId, 'canceled-by-us');
    };
    b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const r = await drive(b, b.closer({ emergencyDeadlineMs: 8_000 }).close(pairSeq, 'emergency', 'the trader closes what a crash left'));
    expect(sizes(exits(b))).toEqual([['lighter', 'sell', 'ioc', '0.1', '1980.00']]);
    expect(r.outcome).toBe('closed');
    expect(r.legs.map((l) => [l.venue, l.leftSize])).toEqual([['lighter', '0']]);
  });
});

describe('one leg failing', () => {
  it('the closed leg stays closed, the other is retried the bounded number of rounds, then alarm + REDUCING + close-failed', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.tracker.script = (o, t) => {
      if (o.intent.venue === 'lighter') t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
      else if (o.intent.tif === 'ioc') t.end(o.intent.clientOrderId, 'ioc-unfilled');
    };
    const r = await drive(b, b.closer({ closeRetryMaxCount: 2, closeIocMaxAttemptCount: 2 }).close(pairSeq, 'normal', 'x'));
    expect(r.outcome).toBe('close-failed');
    expect(r.rounds).toBe(3);
    expect(r.legs.map((l) => [l.venue, l.leftSize])).toEqual([
      ['lighter', '0'],
      ['extended', '0.17'],
    ]);
    // Lighter: one maker that filled; Extended: a maker, then 2 IOCs in each of 3 rounds.
    expect(exits(b).filter((o) => o.intent.venue === 'lighter')).toHaveLength(1);
    expect(exits(b).filter((o) => o.intent.venue === 'extended').map((o) => o.intent.tif)).toEqual(['post_only', 'ioc', 'ioc', 'ioc', 'ioc', 'ioc', 'ioc']);
    expect(pairState(b, pairSeq)).toBe('close-failed');
    expect(b.failures).toHaveLength(1);
    expect(b.tradingState().state).toBe('REDUCING');
    expect(b.tradingState().reason).toMatch(/^breaker:close-failed: pair \d+ ETH: close failed with extended open/);
    expect(b.alarms.list().map((a) => [a.kind, a.severity, a.venue])).toEqual([['close-failed', 'critical', 'extended']]);
  });

  it('a leg that closes on a retry round ends the close as closed, nothing alarmed', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    let extendedIocs = 0;
    b.tracker.script = (o, t) => {
      if (o.intent.venue === 'lighter' || (o.intent.tif === 'ioc' && ++extendedIocs > 3)) t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
      else if (o.intent.tif === 'ioc') t.end(o.intent.clientOrderId, 'ioc-unfilled');
    };
    const r = await drive(b, b.closer().close(pairSeq, 'normal', 'x'));
    expect(r).toMatchObject({ outcome: 'closed', rounds: 2 });
    expect(b.failures).toEqual([]);
    expect(b.tradingState().state).toBe('ACTIVE');
  });
});

describe('position reads', () => {
  it('a failed read is never flat: nothing is sent on either leg, retried, then alarmed', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.failReads = Infinity;
    const r = await drive(b, b.closer({ closeRetryMaxCount: 2 }).close(pairSeq, 'normal', 'x'));
    expect(exits(b)).toEqual([]);
    expect(b.venues.extended.positionReads).toBe(3);
    expect(r.outcome).toBe('close-failed');
    expect(r.detail).toMatch(/extended position read failed: HTTP 503/);
    expect(b.failures[0]!.venues).toEqual(['lighter', 'extended']);
    expect(b.tradingState().state).toBe('REDUCING');
  });

  it('a read that fails once: the next round closes both legs', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.lighter.failReads = 1;
    b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const r = await drive(b, b.closer().close(pairSeq, 'normal', 'x'));
    expect(r).toMatchObject({ outcome: 'closed', rounds: 2 });
  });

  it('the venue showing none of what the ledger holds: nothing is sent on it (reconciliation decides), the close fails and says so', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.ledgerNet = () => '0';
    b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const r = await drive(b, b.closer({ closeRetryMaxCount: 0 }).close(pairSeq, 'emergency', 'x'));
    expect(exits(b).map((o) => o.intent.venue)).toEqual(['lighter']);
    expect(r.outcome).toBe('close-failed');
    expect(r.legs[1]!.failure).toMatch(/the ledger holds -0\.17 on extended but the venue shows 0/);
  });

  it('the venue holding less than the ledger caps the order at what is there', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.lighter.ledgerNet = () => '0.12';
    b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const r = await drive(b, b.closer({ closeRetryMaxCount: 0 }).close(pairSeq, 'normal', 'x'));
    expect(exits(b).filter((o) => o.intent.venue === 'lighter').map((o) => o.intent.size)).toEqual(['0.12']);
    expect(r.outcome).toBe('close-failed');
    expect(r.legs[0]).toMatchObject({ closedSize: '0.12', leftSize: '0.05' });
  });
});

describe('what blocks a send', () => {
  it('emergency: a leg whose read fails waits; the other leg is closed at once', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.venues.extended.failReads = Infinity;
    b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const r = await drive(b, b.closer().close(pairSeq, 'emergency', 'liquidation distance'));
    expect(exits(b).map((o) => [o.intent.venue, o.intent.tif])).toEqual([['lighter', 'ioc']]);
    expect(r.outcome).toBe('close-failed');
    expect(r.legs.map((l) => [l.venue, l.leftSize])).toEqual([
      ['lighter', '0'],
      ['extended', '0.17'],
    ]);
    expect(b.failures.map((f) => f.venues)).toEqual([['extended']]);
  });

  it("an earlier order of a leg still unresolved: nothing is sent beside it (on either leg while both are open), never re-sent", async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPairWithLostExit(b);
    const r = await drive(b, b.closer({ closeDeadlineMs: 20_000, closeRetryMaxCount: 1 }).close(pairSeq, 'normal', 'x'));
    expect(exits(b)).toHaveLength(1);
    expect(r.outcome).toBe('close-failed');
    expect(r.legs.map((l) => l.failure)).toEqual([expect.stringMatching(/other leg is unknown/), expect.stringMatching(/unresolved/)]);
  });

  it('a new close continues the attempt numbers after the earlier ones (no client id reused)', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.tracker.script = (o, t) => {
      if (o.intent.tif === 'ioc') t.end(o.intent.clientOrderId, 'ioc-unfilled');
    };
    const first = await drive(b, b.closer({ closeMakerTimeoutMs: 0, closeRetryMaxCount: 0 }).close(pairSeq, 'normal', 'x'));
    expect(first.outcome).toBe('close-failed');
    b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const second = await drive(b, b.closer({ closeMakerTimeoutMs: 0 }).close(pairSeq, 'normal', 'trader retries'));
    expect(second.outcome).toBe('closed');
    const ids = exits(b).map((o) => o.intent.clientOrderId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(exits(b).filter((o) => o.intent.leg === 0).map((o) => o.intent.attempt)).toEqual([0, 1, 2, 3]);
  });

  it('the gate refusing (HALTED) sends nothing: the close fails and says why', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    const c = b.closer({}, () => ({ allowed: false, reason: 'HALTED: cancels only' }));
    const r = await drive(b, c.close(pairSeq, 'emergency', 'x'));
    expect(exits(b)).toEqual([]);
    expect(r.outcome).toBe('close-failed');
    expect(r.detail).toMatch(/gate: HALTED: cancels only/);
  });
});

describe('entry point', () => {
  it('a second close while one runs gets the same promise; active() lists it until it ends', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.tracker.script = (o, t) => t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    const c = b.closer();
    const p1 = c.close(pairSeq, 'normal', 'x');
    const p2 = c.close(pairSeq, 'emergency', 'y');
    expect(p2).toBe(p1);
    expect(c.active()).toEqual([pairSeq]);
    await drive(b, p1);
    expect(c.active()).toEqual([]);
    expect(exits(b)).toHaveLength(2);
    // Closed now: another close refuses and sends nothing.
    const again = await drive(b, c.close(pairSeq, 'normal', 'x'));
    expect(again).toMatchObject({ outcome: 'refused', detail: `pair ${pairSeq} is closed` });
    expect(exits(b)).toHaveLength(2);
  });

  it('an emergency arriving while a normal close rests its makers overtakes it: makers cancelled at once, IOCs at the emergency slippage', async () => {
    x = closeBench();
    const b = x;
    const pairSeq = await openPair(b);
    b.tracker.script = (o, t) => {
      if (o.intent.tif === 'ioc') t.fill(o.intent.clientOrderId, o.intent.size, o.intent.price);
    };
    const c = b.closer({ closeMakerTimeoutMs: 60_000, emergencyDeadlineMs: 8_000 });
    const p = c.close(pairSeq, 'normal', 'max hold');
    await flush();
    expect(exits(b).filter(isMaker)).toHaveLength(2);
    b.clock.advance(1_000);
    expect(c.close(pairSeq, 'emergency', 'delta bound')).toBe(p);
    const r = await drive(b, p, 10);
    // Well inside the maker's 60 s: the emergency did not wait for it.
    expect(r.elapsedMs).toBeLessThan(1_100);
    expect(r).toMatchObject({ outcome: 'closed', urgency: 'emergency', reason: 'max hold; emergency: delta bound' });
    expect(exits(b).filter(isMaker).map((o) => o.order.state)).toEqual(['canceled', 'canceled']);
    expect(sizes(exits(b).filter(isIoc)).map((z) => z[4])).toEqual(['1980.00', '2020.11']);
  });

  it('no such pair, or an entry still opening: refused, nothing sent', async () => {
    x = closeBench();
    const b = x;
    const c = b.closer();
    expect(await c.close(41, 'normal', 'x')).toMatchObject({ outcome: 'refused', detail: 'no pair 41' });
    const pairSeq = await openPair(b);
    b.ledger.setPairState(pairSeq, 'opening', 0);
    expect(await c.close(pairSeq, 'emergency', 'x')).toMatchObject({ outcome: 'refused', detail: `pair ${pairSeq} is opening` });
    expect(exits(b)).toEqual([]);
  });
});
