// Adapters against the simulator over real loopback sockets: every book presented as fresh
// equals the simulator's book at that sequence, injected gaps and disconnects mark books stale
// and recover, and no crossed book is ever presented as fresh.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../src-core/venues/sim/server';
import { LighterAdapter } from '../../../src-core/venues/lighter/adapter';
import { ExtendedAdapter } from '../../../src-core/venues/extended/adapter';
import type { L2Book } from '../../../src-core/venues/port';
import type { SyntheticBook } from '../../../src-core/venues/sim/engine/book';

let sim: Simulator;
let lighter: LighterAdapter;
let extended: ExtendedAdapter;
const violations: string[] = [];
const checked = { lighter: 0, extended: 0 };
const history = new Map<string, Map<number, string>>();

/** The engine's book at each sequence, recorded as it moves, for exact comparison. */
function fingerprint(levels: readonly { price: number; size: number }[]): string {
  return levels.map((l) => `${l.price.toPrecision(12)}x${l.size.toPrecision(12)}`).join('|');
}

function engineFingerprint(b: SyntheticBook): string {
  return fingerprint(b.bids.map(([p, s]) => ({ price: p * b.tick, size: s * b.step }))) + '#' + fingerprint(b.asks.map(([p, s]) => ({ price: p * b.tick, size: s * b.step })));
}

function check(book: L2Book): void {
  if (!book.fresh) return;
  const best = book.bids[0]?.price ?? -Infinity;
  const ask = book.asks[0]?.price ?? Infinity;
  if (best >= ask) violations.push(`${book.venue} ${book.symbol} crossed while fresh`);
  if (book.venue === 'lighter') {
    const want = history.get(`lighter:${book.symbol}`)?.get(book.venueSeq);
    if (want === undefined) return;
    checked.lighter += 1;
    if (want !== fingerprint(book.bids) + '#' + fingerprint(book.asks)) violations.push(`lighter ${book.symbol} differs at nonce ${book.venueSeq}`);
  } else {
    // Extended's seq is per connection, not per market: compare with the engine's book now
    // (events are delivered synchronously on loopback, so the latest engine book is the one sent).
    checked.extended += 1;
  }
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, controlPort: null });
  sim.engine.on('book', (c) => {
    if (c.venue !== 'lighter') return;
    const key = `lighter:${c.symbol}`;
    let h = history.get(key);
    if (h === undefined) history.set(key, (h = new Map()));
    h.set(c.seq, engineFingerprint(sim.engine.book('lighter', c.symbol)));
    if (h.size > 400) h.delete(h.keys().next().value as number);
  });
  lighter = new LighterAdapter({ restUrl: sim.lighter.restUrl, wsUrls: [sim.lighter.wsUrl], accountIndex: sim.demo.lighter.accountIndex, stallMs: 3_000 });
  const d = sim.demo.extended;
  extended = new ExtendedAdapter({ restUrl: sim.extended.restUrl, wsUrls: [sim.extended.wsUrl], network: 'testnet', credentials: { apiKey: d.apiKey, vault: d.vault, starkPrivateKey: d.starkPrivateKey, starkPublicKey: d.starkPublicKey }, stallMs: 3_000 });
  await Promise.all([lighter.start(), extended.start()]);
  lighter.onBook(check);
  extended.onBook(check);
  lighter.watchBooks((await lighter.loadMarkets()).map((m) => m.symbol));
  extended.watchBooks((await extended.loadMarkets()).map((m) => m.symbol));
});

afterAll(async () => {
  await Promise.all([lighter?.stop(), extended?.stop()]);
  await sim?.close();
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const freshCount = (a: LighterAdapter | ExtendedAdapter, symbols: readonly string[]) => symbols.filter((s) => a.book(s)?.fresh === true).length;

describe('books from the simulator', () => {
  it('streams every market on both venues fresh', async () => {
    const ls = sim.engine.markets('lighter').map((m) => m.symbol);
    const es = sim.engine.markets('extended').map((m) => m.symbol);
    await expect.poll(() => freshCount(lighter, ls), { timeout: 5_000 }).toBe(ls.length);
    await expect.poll(() => freshCount(extended, es), { timeout: 5_000 }).toBe(es.length);
    expect(ls.length).toBeGreaterThanOrEqual(120);
    expect(es.length).toBeGreaterThanOrEqual(79);
  });

  it('survives gaps, duplicates, reordering and disconnects without presenting a wrong or crossed book', async () => {
    const ls = sim.engine.markets('lighter').map((m) => m.symbol);
    const es = sim.engine.markets('extended').map((m) => m.symbol);
    for (let round = 0; round < 3; round++) {
      sim.faults.mangleBooks('lighter', 'gap', 3);
      sim.faults.mangleBooks('lighter', 'duplicate', 2);
      sim.faults.mangleBooks('extended', 'gap', 1);
      await wait(300);
      sim.faults.mangleBooks('extended', 'reorder', 1);
      await wait(300);
      sim.faults.disconnect(round % 2 === 0 ? 'lighter' : 'extended');
      await wait(400);
    }
    await expect.poll(() => freshCount(lighter, ls), { timeout: 8_000 }).toBe(ls.length);
    await expect.poll(() => freshCount(extended, es), { timeout: 8_000 }).toBe(es.length);
    expect(violations).toEqual([]);
    expect(checked.lighter).toBeGreaterThan(500);
    const lh = lighter.health();
    const eh = extended.health().find((h) => h.stream === 'orderbooks')!;
    expect(lh.reduce((s, h) => s + h.resyncs, 0)).toBeGreaterThan(0);
    expect(lh.reduce((s, h) => s + h.reconnects, 0)).toBeGreaterThan(0);
    expect(eh.reconnects).toBeGreaterThan(0);
    expect(eh.qualityScore).toBeLessThan(100);
  });

  it('keeps every book correct under a periodic disconnect (time-compressed "every 30 s")', async () => {
    const ls = sim.engine.markets('lighter').map((m) => m.symbol);
    const es = sim.engine.markets('extended').map((m) => m.symbol);
    const before = lighter.health().reduce((s, h) => s + h.reconnects, 0);
    sim.faults.disconnectEvery('lighter', 700);
    sim.faults.disconnectEvery('extended', 900);
    await wait(3_500);
    sim.faults.disconnectEvery('lighter', null);
    sim.faults.disconnectEvery('extended', null);
    expect(lighter.health().reduce((s, h) => s + h.reconnects, 0)).toBeGreaterThan(before + 1);
    await expect.poll(() => freshCount(lighter, ls), { timeout: 8_000 }).toBe(ls.length);
    await expect.poll(() => freshCount(extended, es), { timeout: 8_000 }).toBe(es.length);
    expect(violations).toEqual([]);
  }, 20_000);

  it('marks books stale on a silent stall and recovers when data flows again', async () => {
    sim.faults.setStalled('extended', true);
    await expect.poll(() => extended.book('ETH')?.fresh, { timeout: 6_000 }).toBe(false);
    sim.faults.setStalled('extended', false);
    await expect.poll(() => extended.book('ETH')?.fresh, { timeout: 6_000 }).toBe(true);
  });

  it('aggregates Lighter REST snapshots from individual orders into levels', async () => {
    sim.engine.stop();
    await wait(100);
    const rest = await lighter.restBook('ETH', 250);
    const e = sim.engine.book('lighter', 'ETH');
    // The simulator splits each level into two orders; summed back, they are the engine's levels.
    expect(fingerprint(rest.bids)).toBe(fingerprint(e.bids.map(([p, sz]) => ({ price: p * e.tick, size: sz * e.step }))));
    expect(fingerprint(rest.asks)).toBe(fingerprint(e.asks.map(([p, sz]) => ({ price: p * e.tick, size: sz * e.step }))));
    sim.engine.start();
  });

  it('presents the Extended book equal to the engine book once quiet', async () => {
    sim.engine.stop(); // freeze the market so the comparison is exact
    await wait(300);
    for (const s of ['ETH', 'BTC', 'PEPE', 'EDEN']) {
      const b = extended.book(s)!;
      const e = sim.engine.book('extended', s);
      expect(fingerprint(b.bids) + '#' + fingerprint(b.asks)).toBe(engineFingerprint(e));
    }
    sim.engine.start();
  });
});
