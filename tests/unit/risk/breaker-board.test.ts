// The breaker board: trips through the one transition rule (only tightening, each change once),
// named after the breaker; level-triggered conditions with their start times; the gate's input.
// The sink is the host's own trading-state control on a real SQLite store, so the persisted log
// rows are what the trader will read.
import { afterEach, describe, expect, it } from 'vitest';
import { EventHub } from '../../../src-core/api/events';
import { createTradingStateControl, type TradingStateControl } from '../../../src-core/host/trading-state-control';
import { BreakerBoard, REASON_MAX_LENGTH } from '../../../src-core/risk/breaker-board';
import type { TransitionRequest } from '../../../src-core/risk/trading-state';
import { openStore, type Db } from '../../../src-core/store/db';
import { TradingStateRepo } from '../../../src-core/store/trading-state-repo';
import { createLogger, silentLogger } from '../../../src-core/telemetry/log';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

interface Rig {
  db: Db;
  control: TradingStateControl;
  requests: TransitionRequest[];
  lines: Record<string, unknown>[];
  board: BreakerBoard;
}

function rig(initial: 'ACTIVE' | 'REDUCING' | 'HALTED' = 'ACTIVE'): Rig {
  const t = tempDir();
  const db = openStore({ dataDir: t.dir, mode: 'sim' });
  cleanups.push(() => {
    db.close();
    t.cleanup();
  });
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ level: 'debug', sink: (l) => lines.push(JSON.parse(l) as Record<string, unknown>) });
  const repo = new TradingStateRepo(db);
  const control = createTradingStateControl(repo, { state: initial, reason: 'start', changedAtMs: 0 }, new EventHub(silentLogger), log);
  const requests: TransitionRequest[] = [];
  const sink = { current: () => control.current(), request: (r: TransitionRequest) => (requests.push(r), control.request(r)) };
  return { db, control, requests, lines, board: new BreakerBoard(sink) };
}

const logRows = (db: Db) => db.prepare('SELECT state, reason, changed_at_ms AS atMs FROM trading_state_log ORDER BY rowid').all();

describe('BreakerBoard trips', () => {
  it('applies a trip once, named after its breaker, persisted with its log row', () => {
    const r = rig();
    const rec = r.board.apply('free-margin', { trip: { to: 'REDUCING', reason: 'free margin below $50: lighter $12' } }, 100);
    expect(rec).toEqual({ state: 'REDUCING', reason: 'breaker:free-margin: free margin below $50: lighter $12', changedAtMs: 100 });
    expect(r.requests).toEqual([{ state: 'REDUCING', reason: 'breaker:free-margin: free margin below $50: lighter $12', source: 'breaker:free-margin', atMs: 100 }]);
    expect(logRows(r.db)).toEqual([{ state: 'REDUCING', reason: 'breaker:free-margin: free margin below $50: lighter $12', atMs: 100 }]);
    expect(r.lines.find((l) => l.msg === 'trading state changed')).toMatchObject({ state: 'REDUCING', source: 'breaker:free-margin' });
    // The same trip again changes nothing and does not reach the control.
    expect(r.board.apply('free-margin', { trip: { to: 'REDUCING', reason: 'again' } }, 200)).toBeNull();
    expect(r.requests).toHaveLength(1);
    expect(logRows(r.db)).toHaveLength(1);
  });

  it('only tightens: HALTED over REDUCING, never REDUCING over HALTED', () => {
    const r = rig();
    r.board.apply('broken-hedge', { trip: { to: 'REDUCING', reason: 'pair 3' } }, 1);
    expect(r.board.apply('drawdown', { trip: { to: 'HALTED', reason: 'fell 21 %' } }, 2)).toMatchObject({ state: 'HALTED' });
    expect(r.board.apply('consecutive-failures', { trip: { to: 'REDUCING', reason: '3 in a row' } }, 3)).toBeNull();
    expect(r.control.current()).toEqual({ state: 'HALTED', reason: 'breaker:drawdown: fell 21 %', changedAtMs: 2 });
  });

  it('no trip, no request', () => {
    const r = rig();
    expect(r.board.apply('drawdown', { trip: null }, 1)).toBeNull();
    expect(r.requests).toEqual([]);
  });

  it('after the trader resumes, a breaker trips again', () => {
    const r = rig('HALTED');
    r.control.request({ state: 'ACTIVE', reason: 'tray: resume', source: 'trader', atMs: 5 });
    expect(r.board.apply('funding-unit', { trip: { to: 'REDUCING', reason: 'x100' } }, 6)).toMatchObject({ state: 'REDUCING' });
  });

  it('bounds the reason like the trader\'s', () => {
    const r = rig();
    const rec = r.board.apply('broken-hedge', { trip: { to: 'REDUCING', reason: 'x'.repeat(500) } }, 1);
    expect(rec?.reason).toHaveLength(REASON_MAX_LENGTH);
    expect(rec?.reason.startsWith('breaker:broken-hedge: xxx')).toBe(true);
  });
});

describe('BreakerBoard conditions', () => {
  const down = { key: 'venue-down:lighter:rest', venue: 'lighter' as const, reason: 'lighter REST API down for 30 s', sinceMs: 10 };

  it('keeps a condition\'s start while reported, drops it when not', () => {
    const r = rig();
    expect(r.board.setConditions('rate-limit', [{ key: 'rate-limit:extended', venue: 'extended', reason: '95 %' }], 50)).toEqual({
      raised: [{ source: 'rate-limit', key: 'rate-limit:extended', venue: 'extended', reason: '95 %', sinceMs: 50 }],
      cleared: [],
    });
    expect(r.board.setConditions('rate-limit', [{ key: 'rate-limit:extended', venue: 'extended', reason: '97 %' }], 60)).toEqual({ raised: [], cleared: [] });
    expect(r.board.conditions()).toEqual([{ source: 'rate-limit', key: 'rate-limit:extended', venue: 'extended', reason: '97 %', sinceMs: 50 }]);
    expect(r.board.setConditions('rate-limit', [], 70)).toEqual({ raised: [], cleared: [{ source: 'rate-limit', key: 'rate-limit:extended', venue: 'extended', reason: '97 %', sinceMs: 50 }] });
    expect(r.board.conditions()).toEqual([]);
  });

  it('takes the breaker\'s own start time when it has one', () => {
    const r = rig();
    r.board.setConditions('venue-down', [down], 40_010);
    expect(r.board.conditions()).toEqual([{ source: 'venue-down', ...down }]);
  });

  it('keeps each breaker\'s conditions apart, oldest first, then by key', () => {
    const r = rig();
    r.board.setConditions('rate-limit', [{ key: 'rate-limit:lighter', venue: 'lighter', reason: 'b' }, { key: 'rate-limit:extended', venue: 'extended', reason: 'a' }], 30);
    r.board.setConditions('venue-down', [down], 40_000);
    r.board.setConditions('free-margin', [{ key: 'balance-unknown:extended', venue: 'extended', reason: 'c' }], 20);
    expect(r.board.conditions().map((c) => c.key)).toEqual(['venue-down:lighter:rest', 'balance-unknown:extended', 'rate-limit:extended', 'rate-limit:lighter']);
    r.board.setConditions('rate-limit', [], 50);
    expect(r.board.conditions().map((c) => c.source)).toEqual(['venue-down', 'free-margin']);
  });

  it('orders conditions of the same start by key', () => {
    const r = rig();
    const c = (key: string) => ({ key, venue: null, reason: key });
    r.board.setConditions('rate-limit', [c('b'), c('c'), c('a')], 5);
    r.board.setConditions('free-margin', [c('ab')], 5);
    expect(r.board.conditions().map((x) => x.key)).toEqual(['a', 'ab', 'b', 'c']);
  });

  it('apply sets the conditions a breaker reports, and leaves them when it reports none', () => {
    const r = rig();
    r.board.apply('free-margin', { trip: null, conditions: [{ key: 'balance-unknown:lighter', venue: 'lighter', reason: 'unknown' }] }, 5);
    r.board.apply('free-margin', { trip: null }, 6);
    expect(r.board.conditions().map((c) => c.key)).toEqual(['balance-unknown:lighter']);
    r.board.apply('free-margin', { trip: { to: 'REDUCING', reason: 'low' }, conditions: [] }, 7);
    expect(r.board.conditions()).toEqual([]);
    expect(r.control.current().state).toBe('REDUCING');
  });
});

describe('BreakerBoard gate input', () => {
  it('starts unreconciled, follows the persisted state and the conditions', () => {
    const r = rig();
    expect(r.board.gateState()).toEqual({ tradingState: 'ACTIVE', reconciled: false, conditions: [] });
    expect(r.board.checkOrder({ effect: 'open', venue: 'lighter', symbol: 'ETH' })).toMatchObject({ allowed: false, reason: 'not-reconciled' });
    expect(r.board.checkOrder({ effect: 'cancel', venue: 'lighter', symbol: 'ETH' })).toEqual({ allowed: true });
    r.board.setReconciled(true);
    expect(r.board.checkOrder({ effect: 'open', venue: 'lighter', symbol: 'ETH' })).toEqual({ allowed: true });
    r.board.setConditions('venue-down', [{ key: 'k', venue: 'extended', reason: 'extended private stream down for 31 s' }], 1);
    expect(r.board.checkOrder({ effect: 'open', venue: 'lighter', symbol: 'ETH' })).toMatchObject({ allowed: false, reason: 'blocked' });
    expect(r.board.checkOrder({ effect: 'hedge', venue: 'lighter', symbol: 'ETH' })).toEqual({ allowed: true });
    r.board.apply('drawdown', { trip: { to: 'HALTED', reason: 'fell' } }, 2);
    expect(r.board.gateState()).toMatchObject({ tradingState: 'HALTED', reconciled: true });
    expect(r.board.checkOrder({ effect: 'hedge', venue: 'lighter', symbol: 'ETH' })).toMatchObject({ allowed: false, reason: 'halted' });
    r.board.setReconciled(false);
    expect(r.board.gateState().reconciled).toBe(false);
  });
});
