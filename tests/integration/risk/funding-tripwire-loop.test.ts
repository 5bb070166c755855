// The funding-tripwire loop with real parts (SQLite funding history and trading-state store, the
// event hub, the alarm board, the trading-state control) and an in-test account stream standing
// in for the adapters' onAccount until they emit funding payments (the simulator-backed version
// is tests/integration/risk/funding-tripwire-sim.test.ts). Reference: long 2 ETH at mark $3 000,
// our rate 1.25e-5/h → the long pays $0.075.
import { afterEach, describe, expect, it } from 'vitest';
import { EventHub } from '../../../src-core/api/events';
import { startFundingTripwire, type FundingTripwire } from '../../../src-core/host/loops/funding-tripwire';
import { createTradingStateControl, type TradingStateControl } from '../../../src-core/host/trading-state-control';
import { FundingHistoryStore } from '../../../src-core/market/funding-history';
import { AlarmBoard } from '../../../src-core/risk/alarms';
import { openStore, type Db } from '../../../src-core/store/db';
import { TradingStateRepo } from '../../../src-core/store/trading-state-repo';
import { silentLogger } from '../../../src-core/telemetry/log';
import type { VenueId } from '../../../src-core/domain/venue';
import type { AccountEvent, FundingPayment, FundingRate } from '../../../src-core/venues/port';
import { tempDir } from '../../helpers/tmp';

const H = 3_600_000;
const T = Date.UTC(2026, 11, 1, 20);

/** The account-event source (the part of the port faked here) and the venue's payment history. */
class AccountStream {
  private readonly listeners = new Set<(e: AccountEvent) => void>();
  readonly restPayments: FundingPayment[] = [];
  fundingPayments(): Promise<readonly FundingPayment[]> {
    return Promise.resolve(this.restPayments);
  }
  balance(): void {
    for (const cb of this.listeners) cb({ type: 'balance', balance: { venue: 'extended', collateralUsd: '1', equityUsd: '1', availableUsd: '1' } });
  }
  onAccount(cb: (e: AccountEvent) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }
  pay(p: FundingPayment): void {
    for (const cb of this.listeners) cb({ type: 'fundingPayment', payment: p });
  }
}

const payment = (venue: VenueId, hour: number, cashUsd: string, over: Partial<FundingPayment> = {}): FundingPayment => ({
  venue, symbol: 'ETH', venuePaymentId: `${venue}-${hour}`, settlementTimeMs: T + hour * H, cashUsd, hourlyRate: null, positionSide: 'long', positionSize: '2', markPrice: null, ...over,
});

interface Rig {
  db: Db;
  streams: Record<VenueId, AccountStream>;
  history: FundingHistoryStore;
  alarms: AlarmBoard;
  control: TradingStateControl;
  changes: string[];
  tripwire: FundingTripwire;
  settled: { value: FundingRate | null };
  nowMs: { value: number };
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

function rig(): Rig {
  const t = tempDir();
  const db = openStore({ dataDir: t.dir, mode: 'sim' });
  const repo = new TradingStateRepo(db);
  const events = new EventHub(silentLogger);
  const control = createTradingStateControl(repo, repo.load({ state: 'ACTIVE', reason: 'first start', changedAtMs: 0 }), events, silentLogger);
  const changes: string[] = [];
  events.subscribe('trading.state.changed', (s) => changes.push(`${s.state}: ${s.reason}`));
  const history = new FundingHistoryStore(db);
  // Our history for both venues, hours 0..5, as the backfill writes it.
  history.write(['lighter', 'extended'].flatMap((venue) => [0, 1, 2, 3, 4, 5].map((h) => ({ venue: venue as VenueId, symbol: 'ETH', hourlyRate: 1.25e-5, kind: 'settled' as const, settlementTimeMs: T + h * H, markPrice: null, indexPrice: null }))));
  const streams = { lighter: new AccountStream(), extended: new AccountStream() };
  const alarms = new AlarmBoard();
  const settled = { value: null as FundingRate | null };
  const nowMs = { value: T + 60_000 };
  const offline = { fundingHistory: () => Promise.reject(new Error('offline')) };
  const tripwire = startFundingTripwire({
    trading: streams,
    marketData: { lighter: offline, extended: offline },
    market: { view: () => ({ lighter: { markPrice: 3000 }, extended: { markPrice: 3000 } }), settledRate: () => settled.value },
    history,
    alarms,
    tradingState: control,
    log: silentLogger,
    now: () => nowMs.value,
  });
  cleanups.push(t.cleanup, () => db.close(), () => tripwire.stop());
  return { db, streams, history, alarms, control, changes, tripwire, settled, nowMs };
}

describe('funding tripwire loop', () => {
  it('stays quiet over several consistent settlements', async () => {
    const r = rig();
    for (let h = 0; h < 4; h++) r.streams.lighter.pay(payment('lighter', h, '-0.075000'));
    r.streams.extended.pay(payment('extended', 0, '0.075000', { positionSide: 'short' }));
    await r.tripwire.idle();
    expect(r.tripwire.results().map((x) => x.check.verdict.kind)).toEqual(['consistent', 'consistent', 'consistent', 'consistent', 'consistent']);
    expect(r.alarms.list()).toEqual([]);
    expect(r.control.current().state).toBe('ACTIVE');
    expect(r.changes).toEqual([]);
  });

  it('a ×100 payment raises a critical alarm and moves to REDUCING, persisted and announced once', async () => {
    const r = rig();
    r.streams.lighter.pay(payment('lighter', 1, '-7.500000'));
    await r.tripwire.idle();
    const [a] = r.alarms.list();
    expect(a).toMatchObject({ kind: 'funding-unit', severity: 'critical', venue: 'lighter', symbol: 'ETH', sinceMs: T + 60_000, count: 1 });
    expect(a!.message).toContain('funding unit mismatch ×100');
    expect(r.control.current().state).toBe('REDUCING');
    expect(r.changes).toHaveLength(1);
    expect(r.changes[0]).toMatch(/^REDUCING: funding-unit tripwire: lighter ETH funding unit mismatch ×100/);
    expect(r.control.current().reason.length).toBeLessThanOrEqual(200);
    const saved = r.db.prepare('SELECT state, reason FROM trading_state WHERE id = 1').get() as { state: string; reason: string };
    expect(saved.state).toBe('REDUCING');

    // Next hour, same fault: the alarm repeats (same since, count 2); the state does not move again.
    r.nowMs.value += H;
    r.streams.lighter.pay(payment('lighter', 2, '-7.500000'));
    await r.tripwire.idle();
    expect(r.alarms.list()).toEqual([expect.objectContaining({ kind: 'funding-unit', sinceMs: T + 60_000, lastMs: T + H + 60_000, count: 2 })]);
    expect(r.changes).toHaveLength(1);
  });

  it('an automatic move never loosens HALTED, and re-tightens after the trader resumes', async () => {
    const r = rig();
    r.control.request({ state: 'HALTED', reason: 'tray: halt', source: 'trader', atMs: T });
    r.streams.lighter.pay(payment('lighter', 1, '-0.600000'));
    await r.tripwire.idle();
    expect(r.alarms.list()[0]!.message).toContain('×8');
    expect(r.control.current()).toMatchObject({ state: 'HALTED', reason: 'tray: halt' });
    r.control.request({ state: 'ACTIVE', reason: 'tray: resume', source: 'trader', atMs: T + 1 });
    r.streams.lighter.pay(payment('lighter', 2, '-0.600000'));
    await r.tripwire.idle();
    expect(r.control.current().state).toBe('REDUCING');
    expect(r.changes.map((c) => c.split(':')[0])).toEqual(['HALTED', 'ACTIVE', 'REDUCING']);
  });

  it('a repeated payment (stream snapshot) is checked once', async () => {
    const r = rig();
    const p = payment('extended', 3, '7.500000', { positionSide: 'short' });
    r.streams.extended.pay(p);
    r.streams.extended.pay(p);
    await r.tripwire.idle();
    expect(r.tripwire.results()).toHaveLength(1);
    expect(r.alarms.list()[0]).toMatchObject({ venue: 'extended', count: 1 });
  });

  it('waits for our rate of that hour, then checks it', async () => {
    const r = rig();
    r.streams.lighter.pay(payment('lighter', 7, '-7.500000'));
    await r.tripwire.idle();
    // Hour 7 is neither in our history nor fetchable (offline): it waits.
    expect(r.tripwire.pendingCount()).toBe(1);
    expect(r.tripwire.results()).toHaveLength(0);
    r.history.write([{ venue: 'lighter', symbol: 'ETH', hourlyRate: 1.25e-5, kind: 'settled', settlementTimeMs: T + 7 * H, markPrice: null, indexPrice: null }]);
    await r.tripwire.retryPending();
    expect(r.tripwire.pendingCount()).toBe(0);
    expect(r.control.current().state).toBe('REDUCING');
  });

  it('gives up on a payment whose rate never arrives, and says why', async () => {
    const r = rig();
    r.streams.lighter.pay(payment('lighter', 9, '-7.500000'));
    await r.tripwire.idle();
    r.nowMs.value += 3 * H;
    await r.tripwire.retryPending();
    expect(r.tripwire.pendingCount()).toBe(0);
    expect(r.tripwire.results()[0]!.check.verdict).toMatchObject({ kind: 'skipped', reason: 'no-reference-rate' });
    expect(r.control.current().state).toBe('ACTIVE');
  });

  it('checks the stream rate too: a stream rate in the wrong unit trips even when history agrees', async () => {
    const r = rig();
    // The market data service's settled rate for hour 1 is 100× the history's (a percent read as
    // a decimal on the stream): the cash agrees with history, not with the stream.
    r.settled.value = { venue: 'lighter', symbol: 'ETH', hourlyRate: 1.25e-3, kind: 'settled', settlementTimeMs: T + H, markPrice: 3000, indexPrice: 3000 };
    r.streams.lighter.pay(payment('lighter', 1, '-0.075000'));
    await r.tripwire.idle();
    expect(r.tripwire.results()[0]).toMatchObject({ source: 'stream', check: { verdict: { kind: 'unit-mismatch', factor: 0.01 } } });
    expect(r.control.current().state).toBe('REDUCING');
  });

  it('a drift warns without moving the state, and a consistent payment clears it', async () => {
    const r = rig();
    r.streams.lighter.pay(payment('lighter', 1, '-0.150000'));
    await r.tripwire.idle();
    expect(r.alarms.list()).toEqual([expect.objectContaining({ kind: 'funding-drift', severity: 'warning' })]);
    expect(r.control.current().state).toBe('ACTIVE');
    r.streams.lighter.pay(payment('lighter', 2, '-0.075000'));
    await r.tripwire.idle();
    expect(r.alarms.list()).toEqual([]);
  });

  it('a payment only in the REST history is read on a balance event, once a minute at most', async () => {
    const r = rig();
    r.streams.extended.restPayments.push(payment('extended', 2, '7.500000', { positionSide: 'short' }));
    r.streams.extended.balance();
    r.streams.extended.balance();
    await r.tripwire.idle();
    expect(r.tripwire.results()).toHaveLength(1);
    expect(r.control.current().state).toBe('REDUCING');
    expect(r.alarms.list()[0]).toMatchObject({ venue: 'extended', kind: 'funding-unit' });
  });

  it('tiny payments are skipped with the reason', async () => {
    const r = rig();
    r.streams.lighter.pay(payment('lighter', 1, '-0.000375', { positionSize: '0.01' }));
    await r.tripwire.idle();
    expect(r.tripwire.results()[0]!.check.verdict).toMatchObject({ kind: 'skipped', reason: 'cash-rounding' });
    expect(r.alarms.list()).toEqual([]);
  });
});
