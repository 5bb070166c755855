// The pair closer against the real simulator through the real Lighter and Extended adapters, a
// real SQLite ledger and the real tracker: a pair is opened by the real executor (the maker
// filled by a counterparty), then closed. Each scenario ends flat on both venues with the
// ledger's fills and fees equal to the simulator's own account truth.
import { afterEach, describe, expect, it } from 'vitest';
import { lifecycleDefaults, type LifecycleSettings } from '../../../src-core/config/lifecycle';
import { tradingDefaults } from '../../../src-core/config/trading';
import { systemClock } from '../../../src-core/domain/clock';
import { compareDecimal } from '../../../src-core/domain/decimal';
import type { VenueId } from '../../../src-core/domain/venue';
import { PairCloser } from '../../../src-core/execution/close';
import type { TrackedOrder } from '../../../src-core/execution/tracker-types';
import type { CloseFailure } from '../../../src-core/risk/breakers/close-failed';
import { silentLogger } from '../../../src-core/telemetry/log';
import { expectHedgedAt, expectLedgerMatchesSim, liveMaker, pairSeqOf, simPosition, steps } from './pair-asserts';
import { eventually, pairHarness, type PairHarness } from './pair-harness';

let h: PairHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** Opens a pair through the executor: its maker rests, a counterparty fills it, the hedge follows. */
async function openPair(x: PairHarness): Promise<{ pairSeq: number; size: string }> {
  const entry = x.executor.enter(x.request());
  const pairSeq = await eventually(() => pairSeqOf(x), 'entry started');
  const maker = await eventually(() => liveMaker(x, pairSeq), 'maker order live');
  x.counterpartyTake(maker.intent.venue, maker.intent.side, maker.intent.price, steps(x, maker.intent.venue, maker.intent.size));
  const r = await entry;
  expect(r.outcome).toBe('opened');
  expectHedgedAt(x, pairSeq, r.targetSize!);
  return { pairSeq, size: r.targetSize! };
}

function closer(x: PairHarness, over: Partial<LifecycleSettings>, failures: CloseFailure[]): PairCloser {
  return new PairCloser({
    tracker: x.tracker,
    ledger: x.ledger,
    venues: x.adapters,
    clock: systemClock,
    gate: () => ({ allowed: true }),
    settings: () => ({ lifecycle: { ...lifecycleDefaults, ...over }, trading: { ...tradingDefaults, ...x.settings } }),
    log: silentLogger,
    onCloseFailed: (f) => failures.push(f),
  });
}

/** Our close maker (an 'exit' post-only) resting live on `venue`, if any. */
function liveCloseMaker(x: PairHarness, pairSeq: number, venue: VenueId): TrackedOrder | undefined {
  for (const i of x.ledger.intentsOfPair(pairSeq)) {
    if (i.purpose !== 'exit' || i.tif !== 'post_only' || i.venue !== venue) continue;
    const o = x.tracker.get(i.clientOrderId);
    if (o !== undefined && (o.order.state === 'accepted' || o.order.state === 'partially-filled') && o.order.acceptedStage === 'live') return o;
  }
  return undefined;
}

function take(x: PairHarness, o: TrackedOrder): void {
  x.counterpartyTake(o.intent.venue, o.intent.side, o.intent.price, steps(x, o.intent.venue, o.intent.size));
}

function expectFlat(x: PairHarness, pairSeq: number): void {
  for (const venue of ['lighter', 'extended'] as const) {
    expect(compareDecimal(simPosition(x, venue), '0')).toBe(0);
    expectLedgerMatchesSim(x, pairSeq, venue);
  }
  expect(x.pairState(pairSeq)).toBe('closed');
}

const exitsOf = (x: PairHarness, pairSeq: number) => x.ledger.intentsOfPair(pairSeq).filter((i) => i.purpose === 'exit');

describe('pair close on the simulator', () => {
  it('normal: both close makers rest reduce-only at once and fill; flat on both venues, ledger = simulator (fills, fees)', async () => {
    h = await pairHarness();
    const x = h;
    const { pairSeq } = await openPair(x);
    const failures: CloseFailure[] = [];
    const closing = closer(x, { closeMakerTimeoutMs: 60_000 }, failures).close(pairSeq, 'normal', 'max hold');
    const onLighter = await eventually(() => liveCloseMaker(x, pairSeq, 'lighter'), 'lighter close maker live');
    const onExtended = await eventually(() => liveCloseMaker(x, pairSeq, 'extended'), 'extended close maker live');
    expect([onLighter.intent.side, onExtended.intent.side]).toEqual(['sell', 'buy']);
    expect(onLighter.intent.reduceOnly && onExtended.intent.reduceOnly).toBe(true);
    take(x, onLighter);
    take(x, onExtended);
    const r = await closing;
    expect(r).toMatchObject({ outcome: 'closed', rounds: 1 });
    expect(exitsOf(x, pairSeq).map((i) => i.tif)).toEqual(['post_only', 'post_only']);
    expectFlat(x, pairSeq);
    expect(failures).toEqual([]);
  });

  it('one venue refuses the maker (post-only would cross), the other fills it: the refused leg crosses by IOC, both end flat', async () => {
    h = await pairHarness();
    const x = h;
    const { pairSeq } = await openPair(x);
    x.sim.engine.faults.forcePostOnlyReject.lighter = 1;
    const failures: CloseFailure[] = [];
    const closing = closer(x, { closeMakerTimeoutMs: 60_000 }, failures).close(pairSeq, 'normal', 'funding flip');
    const onExtended = await eventually(() => liveCloseMaker(x, pairSeq, 'extended'), 'extended close maker live');
    take(x, onExtended);
    const r = await closing;
    // In the same round: the refusal is not left for a retry.
    expect(r).toMatchObject({ outcome: 'closed', rounds: 1 });
    const lighterExits = exitsOf(x, pairSeq).filter((i) => i.venue === 'lighter');
    expect(lighterExits.map((i) => i.tif)).toEqual(['post_only', 'ioc']);
    expect(x.tracker.get(lighterExits[0]!.clientOrderId)!.order.state).toMatch(/canceled|rejected/);
    expectFlat(x, pairSeq);
    expect(failures).toEqual([]);
  });

  it('emergency: IOCs on both legs at once, flat within emergencyDeadlineMs', async () => {
    h = await pairHarness();
    const x = h;
    const { pairSeq } = await openPair(x);
    const failures: CloseFailure[] = [];
    const started = performance.now();
    const r = await closer(x, {}, failures).close(pairSeq, 'emergency', 'broken hedge');
    const tookMs = performance.now() - started;
    expect(r.outcome).toBe('closed');
    expect(tookMs).toBeLessThan(lifecycleDefaults.emergencyDeadlineMs);
    expect(exitsOf(x, pairSeq).map((i) => [i.venue, i.tif])).toEqual([
      ['lighter', 'ioc'],
      ['extended', 'ioc'],
    ]);
    expectFlat(x, pairSeq);
  });

  it('a ghost fill on the cancel of the close maker is counted: nothing is closed twice, flat, ledger = simulator', async () => {
    h = await pairHarness();
    const x = h;
    const { pairSeq } = await openPair(x);
    // Lighter fills the maker's whole size as it cancels it, and reports the order plainly
    // canceled (the fill shows only on the fills and the position).
    x.sim.engine.faults.ghostFillOnCancel.lighter = 1;
    const failures: CloseFailure[] = [];
    const closing = closer(x, { closeMakerTimeoutMs: 1_000 }, failures).close(pairSeq, 'normal', 'max hold');
    const onExtended = await eventually(() => liveCloseMaker(x, pairSeq, 'extended'), 'extended close maker live');
    take(x, onExtended);
    const r = await closing;
    expect(r.outcome).toBe('closed');
    expect(r.legs.map((l) => [l.venue, l.leftSize])).toEqual([
      ['lighter', '0'],
      ['extended', '0'],
    ]);
    // The cancel was confirmed with its fill before anything else was sent: no IOC followed.
    expect(r.rounds).toBe(1);
    expect(exitsOf(x, pairSeq).map((i) => [i.venue, i.tif, x.tracker.get(i.clientOrderId)!.order.state])).toEqual([
      ['lighter', 'post_only', 'filled'],
      ['extended', 'post_only', 'filled'],
    ]);
    expectFlat(x, pairSeq);
    expect(failures).toEqual([]);
  });

  it('a failed position read is never flat: nothing sent, the pair stays hedged, close-failed and alarmed; a later close finishes it', async () => {
    h = await pairHarness();
    const x = h;
    const { pairSeq, size } = await openPair(x);
    // Every Extended positions read answers 503 (more than any client retry could use up).
    x.sim.faults.failHttp('extended', 1_000, 503, false, '/api/v1/user/positions');
    const failures: CloseFailure[] = [];
    const r = await closer(x, { closeRetryMaxCount: 1, closeRetryPauseMs: 100 }, failures).close(pairSeq, 'normal', 'max hold');
    expect(r.outcome).toBe('close-failed');
    expect(r.detail).toMatch(/extended position read failed/);
    expect(exitsOf(x, pairSeq)).toEqual([]);
    expectHedgedAt(x, pairSeq, size);
    expect(x.pairState(pairSeq)).toBe('close-failed');
    expect(failures.map((f) => [f.pairSeq, f.venues])).toEqual([[pairSeq, ['lighter', 'extended']]]);
    // The venue answers again: the trader's retry closes the close-failed pair.
    x.sim.faults.reset('extended');
    const again = await closer(x, {}, failures).close(pairSeq, 'emergency', 'trader retries');
    expect(again.outcome).toBe('closed');
    expectFlat(x, pairSeq);
  });
});
