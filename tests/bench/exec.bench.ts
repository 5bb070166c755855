// exec.hedge_latency_p99_ms: from a leg-1 fill reaching the order tracker (TrackedFill
// receivedAtMono) to the hedge order's request headers written to the Extended socket (undici's
// 'undici:client:sendHeaders' diagnostics channel), over 1,000 maker fills. The path measured is
// the product's: the fill is recorded in the ledger (committed without an fsync of its own: the
// hedge intent's sync carries it, ledger-repo.ts), the hedger prices the IOC, the tracker commits
// its intent and starts the WAL's fdatasync on the thread pool, the adapter signs (Stark) while
// it runs and sends once it is done (ledger/wal-sync.ts). The simulator runs in a child process
// (exec-sim-process.ts), as the venues are remote to the app; EXEC_BENCH_SIM=in-process puts it
// on this event loop, as the figures up to 2026-12-06 were taken. Both ends of a sample are read
// in this process, on one monotonic clock.
// Each fill is hedged before the next arrives, so every sample is one fill → one hedge.
//
// Where the time goes (2026-12-07, 2-core VM, load 0.3-1.7; ms, p50 / p99 where measured):
//   the fill and its order state in one commit (no fsync)                   ~0.2-0.35
//   the hedger prices, the hedge intent's commit (its fsync runs on after)  ~0.35
//   place(): amounts, 7 Poseidon permutations, the Stark signature          ~0.4-0.5
//     (WebAssembly since 2026-12-07: Poseidon ~9 µs a permutation instead of ~77, k·G ~14 µs
//     instead of ~150; before, place() took 1.45 ms p50 at load 2-3)
//   the WAL's fdatasync on the thread pool, which the send waits for       0.8 / 4-4.7
//     (an fdatasync of the same kind alone, outside the bench: 0.29 / 1.4)
//   → headers written                                                       ~0.05
// Timing marks of one run (2026-12-07, load 0.7), ms from the fill, p50 / p99: fill committed
// 0.20 / 1.18, hedge intent committed 0.50 / 1.96, signed 1.02 / 2.51, sync done 1.26 / 4.08,
// request built 1.32 / 4.23, headers written 1.48 / 4.75.
// The bench's p50 / p99: 1.35-1.5 / 4.3-5.3 ms (four runs) with every order state committed
// without its own fsync, 1.56-1.8 / 5.3 before that (simulator in a child process), and 1.5-1.9 /
// 4.8-5.8 in this process. The goal (2 ms p99) is not met here, and not because of the fsync:
// with the sync removed (an experiment, 2026-12-07) p99 was still 4.96 ms, with an O_DSYNC write of
// one preallocated block instead of the WAL's fdatasync 5.04, with the simulator's process at
// nice 19 (and no sync) 3.79. On this 2-core VM the p99 is CPU scheduling: the simulator and the
// core's threads share two cores (docs/ARCHITECTURE.md, "Hedge latency").
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { fromIncrements, toIncrements } from '../../src-core/domain/decimal';
import { pairHarness, SYMBOL, testSettings } from '../integration/execution/pair-harness';
import { remotePairHarness, type RemotePairHarness } from './exec-sim-process';
import { quantile, round, type BenchResult } from './harness';

export const name = 'exec';
/** Runs after the micro benches (run.ts). */
export const heavy = true;

const FILLS = 1_000;
const PARTIALS_PER_ENTRY = 10;
const WARMUP_ENTRIES = 2;
const MAX_ABANDONED = 20;

class EntryEnded extends Error {}

/** Probes are re-checked only when something happened (a tracker event, a hedge send) or on a
 *  coarse 20 ms tick, never in a busy loop: a spinning poller shares the event loop with the hedge
 *  path it measures (it did: 8 % of the bench's CPU went to polling the ledger). */
const changed = new Set<() => void>();
function poke(): void {
  for (const cb of [...changed]) cb();
}

function until<T>(probe: () => T | undefined, what: string | (() => string), timeoutMs = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const check = () => {
      let v: T | undefined;
      try {
        v = probe();
      } catch (e) {
        done();
        reject(e instanceof Error ? e : new Error(String(e)));
        return;
      }
      if (v === undefined) return;
      done();
      resolve(v);
    };
    const tick = setInterval(check, 20);
    const timer = setTimeout(() => {
      done();
      reject(new Error(`bench: ${typeof what === 'string' ? what : what()} did not happen within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = () => {
      changed.delete(check);
      clearInterval(tick);
      clearTimeout(timer);
    };
    changed.add(check);
    check();
  });
}

/** 'in-process' puts the simulator on this event loop (how the figures up to 2026-12-06 were
 *  taken); by default it runs in a child process, as the venues are remote to the app. */
const SIM_PLACEMENT = process.env['EXEC_BENCH_SIM'] === 'in-process' ? 'this process' : 'a child process';

export async function run(): Promise<BenchResult[]> {
  const h: RemotePairHarness = SIM_PLACEMENT === 'this process' ? await pairHarness() : await remotePairHarness();
  const sends: number[] = [];
  const onHeaders = (msg: unknown): void => {
    const { request } = msg as { request: { method: string; path: string } };
    if (request.method === 'POST' && request.path.endsWith('/user/order')) {
      sends.push(performance.now());
      queueMicrotask(poke);
    }
  };
  subscribe('undici:client:sendHeaders', onHeaders);
  const fills: number[] = [];
  const offFill = h.tracker.onFill((f) => {
    if (f.intent.leg === 0) fills.push(f.receivedAtMono);
    // After every listener (the hedger's among them) has run.
    setImmediate(poke);
  });
  const offOrder = h.tracker.onOrder(() => setImmediate(poke));
  const off = () => {
    offFill();
    offOrder();
  };
  const samples: number[] = [];
  try {
    const extended = h.adapters.extended.market(SYMBOL)!;
    const lighter = h.adapters.lighter.market(SYMBOL)!;
    // Each partial is one Extended minimum size (a hedge never waits for more fills).
    const partial = extended.minSize;
    const size = fromIncrements(toIncrements(partial, lighter.stepSize, 'exact') * BigInt(PARTIALS_PER_ENTRY), lighter.stepSize);
    const book = h.adapters.lighter.book(SYMBOL)!;
    h.settings = testSettings({ notionalPerPairUsd: Number(size) * book.bids[0]!.price * 1.01, maxNotionalPerVenueUsd: 100_000_000, maxNotionalPerSymbolUsd: 100_000_000 });
    // An entry the executor ends early (books gone stale on a loaded machine: "no fresh book",
    // or a hedge refused on a stale book and rolled back) gives no fill → hedge sample: it is
    // set aside and another entry started once both books are fresh, up to MAX_ABANDONED,
    // instead of failing the bench.
    let abandoned = 0;
    for (let e = 0; samples.length < FILLS; e++) {
      const entry = h.executor.enter(h.request());
      let ended: string | null = null;
      void entry.then((r) => (ended = `${r.outcome}: ${r.reason}`));
      const live = (): void => {
        if (ended !== null) throw new EntryEnded(`bench entry ${e} ended early: ${ended}`);
      };
      let setAside = false;
      try {
        const pairSeq = await until(() => {
          live();
          return h.executor.active()[0];
        }, 'entry start');
        const maker = await until(() => {
          live();
          for (const i of h.ledger.intentsOfPair(pairSeq)) {
            const o = h.tracker.get(i.clientOrderId);
            if (i.leg === 0 && i.tif === 'post_only' && o !== undefined && o.order.state === 'accepted' && o.order.acceptedStage === 'live') return o;
          }
          return undefined;
        }, 'maker live');
        const steps = Number(toIncrements(partial, lighter.stepSize, 'exact'));
        for (let p = 0; p < PARTIALS_PER_ENTRY; p++) {
          const f0 = fills.length;
          const s0 = sends.length;
          // Market-model liquidity may queue ahead of us at our price: take again until ours fills.
          for (;;) {
            live();
            h.counterpartyTake('lighter', maker.intent.side, maker.intent.price, steps);
            const got = await until(() => (fills.length > f0 ? true : undefined), 'fill', 3_000).catch(() => false);
            if (got === true) break;
          }
          await until(() => {
            if (sends.length > s0) return true;
            live();
            return undefined;
          }, () => `hedge of entry ${e} partial ${p} (hedges ${JSON.stringify(h.ledger.intentsOfPair(pairSeq).filter((i) => i.leg === 1).map((i) => [i.size, h.tracker.get(i.clientOrderId)?.order.state, h.tracker.get(i.clientOrderId)?.order.filledSize]))}, maker ${JSON.stringify(h.ledger.intentsOfPair(pairSeq).filter((i) => i.leg === 0).map((i) => [i.size, i.tif, h.tracker.get(i.clientOrderId)?.order.state, h.tracker.get(i.clientOrderId)?.order.filledSize]))})`, 10_000);
          if (e >= WARMUP_ENTRIES && samples.length < FILLS) samples.push(sends[s0]! - fills[f0]!);
          // Let the hedge settle before the next fill, so each sample is one fill → one hedge.
          await until(() => (h.ledger.intentsOfPair(pairSeq).filter((i) => i.leg === 1).every((i) => ['filled', 'canceled', 'expired', 'rejected'].includes(h.tracker.get(i.clientOrderId)?.order.state ?? '')) ? true : undefined), 'hedge settled');
        }
      } catch (err) {
        if (!(err instanceof EntryEnded)) throw err;
        abandoned += 1;
        setAside = true;
        process.stderr.write(`${err.message} (set aside: ${abandoned} of at most ${MAX_ABANDONED})\n`);
        if (abandoned > MAX_ABANDONED) throw err;
        // The next entry once both books are fresh again, not into the same refusal.
        await until(() => (h.adapters.lighter.book(SYMBOL)?.fresh === true && h.adapters.extended.book(SYMBOL)?.fresh === true ? true : undefined), 'fresh books', 30_000);
      }
      const r = await entry;
      if (r.outcome !== 'opened' && !setAside) throw new Error(`bench entry ${e} ended ${r.outcome}: ${r.reason}`);
    }
  } finally {
    off();
    unsubscribe('undici:client:sendHeaders', onHeaders);
    await h.close();
  }
  return [
    { bench: 'exec.hedge_latency_p99_ms', value: round(quantile(samples, 0.99), 3), unit: `ms (p50 ${round(quantile(samples, 0.5), 3)}, n ${samples.length}, simulator in ${SIM_PLACEMENT})`, target: 2, better: 'lower' },
  ];
}
