// The balance loop keeps each venue's last exact balance, and a read that fails, times out or
// answers for the other venue makes that venue null ("unknown"), never zero and never the previous
// value. Reads are scripted promises and the ticker and the read deadline are driven by hand, so
// nothing here waits on a timer.
import { describe, expect, it } from 'vitest';
import type { VenueId } from '../../../src-core/domain/venue';
import { BALANCE_POLL_MS, BALANCE_READ_TIMEOUT_MS, startBalanceLoop } from '../../../src-core/host/loops/balances';
import type { Ticker } from '../../../src-core/host/screener-emitter';
import { createLogger } from '../../../src-core/telemetry/log';
import type { Balance } from '../../../src-core/venues/port';
import { HandDeadlines } from '../../helpers/hand-deadlines';

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(v: T): void;
  reject(e: unknown): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const balance = (venue: VenueId, availableUsd: string, equityUsd = '1000.000000'): Balance => ({ venue, collateralUsd: '1000.000000', equityUsd, availableUsd });

/** Each venue answers its reads from a queue the test fills: a value, an error, or a pending promise. */
class ScriptedPorts {
  readonly queue: Record<VenueId, (() => Promise<Balance>)[]> = { lighter: [], extended: [] };
  readonly reads: Record<VenueId, number> = { lighter: 0, extended: 0 };
  readonly ports = {
    lighter: { balance: () => this.next('lighter') },
    extended: { balance: () => this.next('extended') },
  };
  answer(venue: VenueId, b: Balance): void {
    this.queue[venue].push(() => Promise.resolve(b));
  }
  fail(venue: VenueId, e: unknown = new Error('HTTP 503')): void {
    this.queue[venue].push(() => Promise.reject(e));
  }
  hold(venue: VenueId): Deferred<Balance> {
    const d = deferred<Balance>();
    this.queue[venue].push(() => d.promise);
    return d;
  }
  private next(venue: VenueId): Promise<Balance> {
    this.reads[venue] += 1;
    const f = this.queue[venue].shift();
    if (f === undefined) throw new Error(`no scripted ${venue} read`);
    return f();
  }
}

class HandTicker implements Ticker {
  readonly intervals: number[] = [];
  fn: (() => void) | null = null;
  every(ms: number, fn: () => void): () => void {
    this.intervals.push(ms);
    this.fn = fn;
    return () => (this.fn = null);
  }
}

function logSink() {
  const lines: { level: string; msg: string }[] = [];
  return { lines, log: createLogger({ level: 'debug', sink: (l) => lines.push(JSON.parse(l) as { level: string; msg: string }) }) };
}

async function start(p: ScriptedPorts, extra: { readTimeoutMs?: number } = {}) {
  const ticker = new HandTicker();
  const deadlines = new HandDeadlines();
  const { lines, log } = logSink();
  const loop = await startBalanceLoop({ ports: p.ports, log, ticker, clock: deadlines, ...extra });
  return { loop, ticker, deadlines, lines };
}

describe('balance loop', () => {
  it('keeps the exact strings each venue answered, and their number view', async () => {
    const p = new ScriptedPorts();
    p.answer('lighter', balance('lighter', '812.345678'));
    p.answer('extended', balance('extended', '0.000001'));
    const { loop, ticker } = await start(p);
    expect(loop.balances()).toEqual({ lighter: balance('lighter', '812.345678'), extended: balance('extended', '0.000001') });
    expect(loop.availableUsd()).toEqual({ lighter: 812.345678, extended: 0.000001 });
    // The first poll is done before start resolves; the ticker then polls every 5 s.
    expect(p.reads).toEqual({ lighter: 1, extended: 1 });
    expect(ticker.intervals).toEqual([BALANCE_POLL_MS]);
    expect(BALANCE_POLL_MS).toBe(5_000);
  });

  it('a failed read is null for that venue only, never zero and never the previous balance', async () => {
    const p = new ScriptedPorts();
    p.answer('lighter', balance('lighter', '500.000000'));
    p.answer('extended', balance('extended', '700.000000'));
    const { loop, lines } = await start(p);
    p.fail('lighter');
    p.answer('extended', balance('extended', '650.000000'));
    await loop.poll();
    expect(loop.balances()).toEqual({ lighter: null, extended: balance('extended', '650.000000') });
    expect(loop.availableUsd()).toEqual({ lighter: null, extended: 650 });
    expect(lines.some((l) => l.msg === 'balance read failed' && l.level === 'debug')).toBe(true);
    // Readable again: the new value, not a remembered one.
    p.answer('lighter', balance('lighter', '499.990000'));
    p.fail('extended', 'not an Error');
    await loop.poll();
    expect(loop.balances()).toEqual({ lighter: balance('lighter', '499.990000'), extended: null });
  });

  it('a venue that cannot be read at start starts null', async () => {
    const p = new ScriptedPorts();
    p.fail('lighter');
    p.fail('extended');
    const { loop } = await start(p);
    expect(loop.balances()).toEqual({ lighter: null, extended: null });
    expect(loop.availableUsd()).toEqual({ lighter: null, extended: null });
  });

  it('an answer for the other venue is refused (null, logged as an error)', async () => {
    const p = new ScriptedPorts();
    p.answer('lighter', balance('extended', '100.000000'));
    p.answer('extended', balance('extended', '100.000000'));
    const { loop, lines } = await start(p);
    expect(loop.balances()).toEqual({ lighter: null, extended: balance('extended', '100.000000') });
    expect(lines.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual(['balance read answered for another venue']);
  });

  it('a read still unanswered at the deadline is null, and its late answer is not kept', async () => {
    const p = new ScriptedPorts();
    p.answer('lighter', balance('lighter', '1.000000'));
    p.answer('extended', balance('extended', '2.000000'));
    const { loop, deadlines, lines } = await start(p, { readTimeoutMs: 1_234 });
    // Every read armed a deadline of the configured length and disarmed it on its answer.
    expect(deadlines.armed.map((t) => t.ms)).toEqual([1_234, 1_234]);
    expect(deadlines.live()).toHaveLength(0);
    const slow = p.hold('lighter');
    p.answer('extended', balance('extended', '3.000000'));
    const polled = loop.poll();
    // Both reads of this poll armed a deadline, Lighter's first; only Lighter's is left unanswered.
    expect(deadlines.armed).toHaveLength(4);
    deadlines.armed[2]!.fn();
    await polled;
    expect(deadlines.live()).toHaveLength(0);
    expect(loop.balances()).toEqual({ lighter: null, extended: balance('extended', '3.000000') });
    expect(lines.some((l) => l.msg === 'balance read timed out' && l.level === 'warn')).toBe(true);
    slow.resolve(balance('lighter', '999.000000'));
    await slow.promise;
    await Promise.resolve();
    expect(loop.balances().lighter).toBeNull();
  });

  it('the default read deadline is 15 s', async () => {
    expect(BALANCE_READ_TIMEOUT_MS).toBe(15_000);
    const p = new ScriptedPorts();
    p.answer('lighter', balance('lighter', '1.000000'));
    p.answer('extended', balance('extended', '2.000000'));
    const { deadlines } = await start(p);
    expect(deadlines.armed.map((t) => t.ms)).toEqual([15_000, 15_000]);
  });

  it('polls never overlap: a tick during a slow poll joins it, and the next tick reads again', async () => {
    const p = new ScriptedPorts();
    p.answer('lighter', balance('lighter', '1.000000'));
    p.answer('extended', balance('extended', '1.000000'));
    const { loop, ticker } = await start(p);
    const slow = p.hold('lighter');
    p.answer('extended', balance('extended', '2.000000'));
    const first = loop.poll();
    ticker.fn!();
    expect(loop.poll()).toBe(first);
    expect(p.reads).toEqual({ lighter: 2, extended: 2 });
    slow.resolve(balance('lighter', '2.000000'));
    await first;
    expect(loop.availableUsd()).toEqual({ lighter: 2, extended: 2 });
    p.answer('lighter', balance('lighter', '3.000000'));
    p.answer('extended', balance('extended', '3.000000'));
    ticker.fn!();
    await loop.poll();
    expect(p.reads).toEqual({ lighter: 3, extended: 3 });
    expect(loop.availableUsd()).toEqual({ lighter: 3, extended: 3 });
  });

  it('a poll answered after stop() changes nothing, and stop() ends the ticker', async () => {
    const p = new ScriptedPorts();
    p.answer('lighter', balance('lighter', '1.000000'));
    p.answer('extended', balance('extended', '1.000000'));
    const { loop, ticker } = await start(p);
    const slow = p.hold('lighter');
    p.answer('extended', balance('extended', '9.000000'));
    const polled = loop.poll();
    loop.stop();
    expect(ticker.fn).toBeNull();
    slow.resolve(balance('lighter', '9.000000'));
    await polled;
    expect(loop.availableUsd()).toEqual({ lighter: 1, extended: 1 });
  });

  it('the number view is null for an amount that is not a finite number; the exact record stays', async () => {
    const p = new ScriptedPorts();
    p.answer('lighter', balance('lighter', 'abc'));
    p.answer('extended', balance('extended', '-12.500000'));
    const { loop } = await start(p);
    expect(loop.availableUsd()).toEqual({ lighter: null, extended: -12.5 });
    expect(loop.balances().lighter).toEqual(balance('lighter', 'abc'));
  });

  it('a returned map is a snapshot: a later poll does not change it', async () => {
    const p = new ScriptedPorts();
    p.answer('lighter', balance('lighter', '1.000000'));
    p.answer('extended', balance('extended', '1.000000'));
    const { loop } = await start(p);
    const before = loop.balances();
    p.fail('lighter');
    p.fail('extended');
    await loop.poll();
    expect(before.lighter).toEqual(balance('lighter', '1.000000'));
    expect(loop.balances()).toEqual({ lighter: null, extended: null });
  });
});
