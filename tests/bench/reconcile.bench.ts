// reconcile.startup_ms and reconcile.restart_ready_ms (issue 13), on the simulator (in this
// process; it outlives the cores) with 20 open pairs on both venues.
// - Setup: for 20 markets, both legs' intents written as the tracker writes them before a send,
//   both IOCs sent through the real adapters, then the CLI's `reconcile --apply-safe` records the
//   fills and the orders' ends and each pair is set open: a ledger that agrees with the venues.
// - startup_ms: the startup run of a trading core (both venues read, diff, fixes, invariants:
//   status.lastRunDurationMs) with 20 ms added to every HTTP request of both venues (the
//   simulator's latency fault), median of 3 starts. Goal ≤ 300 ms.
// - restart_ready_ms: the core in a child process, SIGKILLed once trading-ready, started again:
//   from the new process's start to its startup reconciliation completing (the gate open), median
//   of 3 kills. Goal ≤ 2 s.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { createCore, type Core } from '../../src-core/host/core';
import type { ExternalSimulator } from '../../src-core/host/venues';
import type { Ticker } from '../../src-core/host/screener-emitter';
import { takerTouch, touchTicks } from '../../src-core/execution/book-touch';
import { onStep } from '../../src-core/execution/close-leg';
import { closeLimitPrice } from '../../src-core/execution/close-price';
import { compareDecimal, numberToDecimal } from '../../src-core/domain/decimal';
import type { Side, VenueId } from '../../src-core/domain/venue';
import { LedgerRepo } from '../../src-core/ledger/ledger-repo';
import { runReconcile } from '../../src-core/host/support/reconcile';
import { dbFileName, openLedgerDatabase } from '../../src-core/store/db';
import { silentLogger } from '../../src-core/telemetry/log';
import { startSimulator, type Simulator } from '../../src-core/venues/sim/server';
import type { VenueAdapter } from '../../src-core/venues/port';
import { tempDir } from '../helpers/tmp';
import { median, round, type BenchResult } from './harness';
import { pollUntil } from '../helpers/wait';

export const name = 'reconcile';
/** Whole cores: after the micro benches (run.ts). */
export const heavy = true;

const PAIRS = 20;
const RTT_MS = 20;
const RUNS = 3;
const SEED = 21;
const NOTIONAL_USD = 120;
const handTicker: Ticker = { every: () => () => undefined };

function endpoints(sim: Simulator): ExternalSimulator {
  return { seed: SEED, lighter: { restUrl: sim.lighter.restUrl, wsUrl: sim.lighter.wsUrl }, extended: { restUrl: sim.extended.restUrl, wsUrl: sim.extended.wsUrl } };
}

async function price(port: VenueAdapter, symbol: string, side: Side): Promise<string | null> {
  const m = port.market(symbol)!;
  const book = await pollUntil(() => port.book(symbol), { until: (b) => b !== undefined && b.fresh, what: `a fresh ${port.venue} ${symbol} book`, timeoutMs: 60_000, intervalMs: 50 }).catch(() => undefined);
  const touch = book === undefined ? null : takerTouch(side, touchTicks(book, m.tickSize));
  return touch === null ? null : closeLimitPrice(side, touch, 50, 100, m.tickSize);
}

/** 20 hedged pairs on both venues and in the ledger, agreeing. */
async function openPairs(dir: string, sim: Simulator): Promise<number> {
  const core: Core = await createCore({ dataDir: dir, mode: 'sim', log: silentLogger, externalSimulator: endpoints(sim), trading: false });
  const db = openLedgerDatabase(join(dir, dbFileName('sim')));
  try {
    const ports = core.runtime()!.ports;
    const ledger = new LedgerRepo(db);
    const seqs: number[] = [];
    for (const symbol of core.runtime()!.market.symbols()) {
      if (seqs.length === PAIRS) break;
      const ml = ports.lighter.market(symbol)!;
      const me = ports.extended.market(symbol)!;
      const buy = await price(ports.lighter, symbol, 'buy');
      const sell = await price(ports.extended, symbol, 'sell');
      if (buy === null || sell === null) continue;
      const size = onStep(onStep(numberToDecimal(NOTIONAL_USD / Number(buy)), ml.stepSize), me.stepSize);
      if (compareDecimal(size, ml.minSize) < 0 || compareDecimal(size, me.minSize) < 0 || compareDecimal(size, '0') <= 0) continue;
      const pairSeq = ledger.allocatePairSeq();
      const now = Date.now();
      const pair = { pairSeq, symbol, longVenue: 'lighter' as VenueId, shortVenue: 'extended' as VenueId, targetSize: size, entryLongHourlyRate: null, entryShortHourlyRate: null, entryApy: null, createdAtMs: now };
      const legs = [
        { leg: 0 as const, venue: 'lighter' as VenueId, side: 'buy' as Side, price: buy },
        { leg: 1 as const, venue: 'extended' as VenueId, side: 'sell' as Side, price: sell },
      ];
      for (const l of legs) {
        const intent = ledger.recordIntent(pair, { leg: l.leg, venue: l.venue, purpose: 'entry', attempt: 0, side: l.side, size, price: l.price, tif: 'ioc', reduceOnly: false, createdAtMs: now, txHash: null }, 'submitted');
        const out = await ports[l.venue].place({ symbol, side: l.side, size, price: l.price, type: 'limit', tif: 'ioc', reduceOnly: false, clientOrderId: intent.clientOrderId });
        if (out.kind !== 'accepted') throw new Error(`bench: ${l.venue} ${symbol} IOC refused: ${JSON.stringify(out)}`);
      }
      seqs.push(pairSeq);
    }
    if (seqs.length < PAIRS) throw new Error(`bench: only ${seqs.length} markets could take a pair`);
    // Both IOCs filled, then the ledger is told what the venues say.
    await pollUntil(async () => (await ports.extended.positions()).filter((p) => Number(p.size) !== 0).length, { until: (n) => n >= PAIRS, what: 'the extended legs to fill', timeoutMs: 60_000, intervalMs: 50 });
    await pollUntil(async () => (await ports.lighter.positions()).filter((p) => Number(p.size) !== 0).length, { until: (n) => n >= PAIRS, what: 'the lighter legs to fill', timeoutMs: 60_000, intervalMs: 50 });
    const lines: string[] = [];
    if ((await runReconcile(core, dir, true, (l) => lines.push(l))) !== 0) throw new Error(`bench: setup reconcile failed: ${lines.join('\n')}`);
    for (const s of seqs) ledger.setPairState(s, 'open', Date.now(), 'bench setup');
    const check: string[] = [];
    await runReconcile(core, dir, false, (l) => check.push(l));
    if (check[0] !== 'No discrepancies: the ledger agrees with both venues.') throw new Error(`bench: the setup does not agree with the venues:\n${check.join('\n')}`);
    return seqs.length;
  } finally {
    db.close();
    await core.close();
  }
}

async function startupRunMs(dir: string, sim: Simulator): Promise<{ ms: number; pending: number }> {
  const core = await createCore({ dataDir: dir, mode: 'sim', log: silentLogger, externalSimulator: endpoints(sim), tradingTicker: handTicker });
  try {
    await core.trading()!.reconciled();
    const s = core.trading()!.reconcile.status();
    if (s.lastTrigger !== 'startup' || s.lastRunDurationMs === null) throw new Error(`bench: no startup run (${JSON.stringify(s)})`);
    return { ms: s.lastRunDurationMs, pending: s.pending.length };
  } finally {
    await core.close();
  }
}

interface Ready {
  readonly kind: 'ready' | 'error';
  readonly sinceProcessStartMs?: number;
  readonly message?: string;
}

/** Starts the core child, waits for trading-ready, SIGKILLs it; the child's own figure. */
function readyThenKill(dir: string, sim: Simulator): Promise<number> {
  const child = fork(join(__dirname, 'core-process', 'reconcile-child.ts'), [dir, JSON.stringify(endpoints(sim))], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('bench: the core child was not ready within 120 s'));
    }, 120_000);
    child.once('error', reject);
    child.on('message', (m: Ready) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      if (m.kind === 'ready') resolve(m.sinceProcessStartMs!);
      else reject(new Error(`bench: core child failed: ${m.message}`));
    });
  });
}

export async function run(): Promise<BenchResult[]> {
  const t = tempDir();
  const sim = await startSimulator({ seed: SEED, controlPort: null });
  try {
    const pairs = await openPairs(t.dir, sim);
    for (const v of ['lighter', 'extended'] as const) sim.faults.setLatency(v, '*', RTT_MS);
    const startups: number[] = [];
    let pending = 0;
    for (let i = 0; i < RUNS; i++) {
      const r = await startupRunMs(t.dir, sim);
      startups.push(r.ms);
      pending = Math.max(pending, r.pending);
    }
    sim.faults.reset();
    // The first start is killed too: every measured start follows a SIGKILL.
    await readyThenKill(t.dir, sim);
    const restarts: number[] = [];
    for (let i = 0; i < RUNS; i++) restarts.push(await readyThenKill(t.dir, sim));
    return [
      { bench: 'reconcile.startup_ms', value: round(median(startups), 1), unit: `ms (startup run, ${pairs} open pairs on both venues, +${RTT_MS} ms per HTTP request, median of ${RUNS}; ${pending} items left pending)`, target: 300, better: 'lower' },
      { bench: 'reconcile.restart_ready_ms', value: round(median(restarts), 0), unit: `ms (process start to startup reconciliation complete after a SIGKILL, ${pairs} open pairs, median of ${RUNS})`, target: 2_000, better: 'lower' },
    ];
  } finally {
    await sim.close();
    t.cleanup();
  }
}
